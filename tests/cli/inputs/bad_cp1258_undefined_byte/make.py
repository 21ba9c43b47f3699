# Windows-1258 (Excel CSV on Vietnamese Windows), ';' and decimal commas; line
# 2 holds byte 0x81, which Windows-1258 leaves undefined, at byte 125.
H = "province;nhan_thuc_so;the_che_so;ha_tang_so;nhan_luc_so;an_toan_thong_tin;hd_chinh_quyen_so;hd_kinh_te_so;hd_xa_hoi_so\r\n"
pre = H.encode() + b"H\xe0 N"
assert len(pre) + 1 == 125
open("in.csv", "wb").write(pre + b"\x81i;0,6;0,55;0,5;0,45;0,4;0,6;0,5;0,523\r\n")
