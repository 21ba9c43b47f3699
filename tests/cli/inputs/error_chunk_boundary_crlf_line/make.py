# Writes a CRLF file whose line 3 ends with "\r" as byte 65536 and "\n" as byte
# 65537 (1-based), so the line end is split between two reads; line 5 has an
# error and must be reported as line 5 (not 6).
H = "code,province,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so\r\n"
row = "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\r\n"
head = (H + row).encode()
pad = 65535 - len(head) - 1
data = head + b"#" + b"y" * pad + b"\r\n"
assert data[65535:65537] == b"\r\n"
data += "\r\n".encode() + "79,Hồ Chí Minh,0.8917,0.9000,0.8258,0.6267,0.5580,0.8406,0.7611,1.3590\r\n".encode()
open("in.csv", "wb").write(data)
