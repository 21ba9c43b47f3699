# Writes in.csv so that the 2-byte "Đ" of "Đà Nẵng" has its first byte at file
# offset 65535 and its second at 65536: the first read of 64 KiB ends inside it.
H = "code,province,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so\n"
row = "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\n"
pad = 65535 - len(H) - len("48,") - 2  # "#" + x... + "\n"
data = (H + "#" + "x" * pad + "\n" + row).encode()
assert data[65535:65537] == "Đ".encode()
open("in.csv", "wb").write(data)
