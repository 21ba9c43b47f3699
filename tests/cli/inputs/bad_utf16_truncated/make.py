# UTF-16LE with BOM, tabs (Excel "Unicode text"); the file ends on line 3 with
# an odd byte (0x41) at byte 349, in the middle of a UTF-16 character.
H = "province\tnhan_thuc_so\tthe_che_so\tha_tang_so\tnhan_luc_so\tan_toan_thong_tin\thd_chinh_quyen_so\thd_kinh_te_so\thd_xa_hoi_so\r\n"
R = "Hà Nội\t0,6\t0,55\t0,5\t0,45\t0,4\t0,6\t0,5\t0,523\r\n"
pre = b"\xff\xfe" + (H + R + "Hải Phòng").encode("utf-16-le")
assert len(pre) + 1 == 349
open("in.txt", "wb").write(pre + b"\x41")
