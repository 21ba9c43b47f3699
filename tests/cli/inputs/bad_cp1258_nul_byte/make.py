# Windows-1258, ';' and decimal commas; line 3 holds a NUL byte at byte 174 of
# the file, after non-ASCII letters that become two bytes each in UTF-8: the
# message must give the offset in the file, not in the converted text.
H = "province;nhan_thuc_so;the_che_so;ha_tang_so;nhan_luc_so;an_toan_thong_tin;hd_chinh_quyen_so;hd_kinh_te_so;hd_xa_hoi_so\r\n"
R = b"H\xe0 N\xf4\xf2i;0,6;0,55;0,5;0,45;0,4;0,6;0,5;0,523\r\n"  # "Hà Nô" + combining dot below (0xF2) + "i"
pre = H.encode() + R + b"\xd0\xe0 N\xe3\xdeng"  # "Đà Nẵng": Đ, à, N, ă + combining tilde (0xDE), ng
assert len(pre) + 1 == 174
open("in.csv", "wb").write(pre + b"\x00;1;0,9;0,8;0,8;0,7;0,8;0,7;0,5\r\n")
