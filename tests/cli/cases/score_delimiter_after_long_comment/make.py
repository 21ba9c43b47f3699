# A ';' file whose header comes after 70,000 bytes of '#' comment lines (more
# than one 64 KiB read): the delimiter must still be judged on the header.
H = "code;province;nhan_thuc_so;the_che_so;ha_tang_so;nhan_luc_so;an_toan_thong_tin;hd_chinh_quyen_so;hd_kinh_te_so;hd_xa_hoi_so\n"
row = "01;Hà Nội;0,6;0,55;0,5;0,45;0,4;0,6;0,5;0,523\n"
pad = "".join("# ghi chú, dòng %d: " % i + "x" * 100 + "\n" for i in range(600))
assert len(pad.encode()) > 70000
open("in.csv", "w", encoding="utf-8", newline="").write(pad + H + row)
