# Writes in.csv so that the CRLF inside the quoted name of unit X falls
# across the reader's 64 KiB chunk boundary: CR is byte 65535, LF byte 65536.
header = "code,name,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so\n"
row = ",0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n"
text = header
i = 0
while True:
    line = "F%05d,Filler%s" % (i, row)
    # the next line starts with 'X,"A' : CR must land at 65535
    if len(text) + len(line) + len('X,"A') > 65535:
        break
    text += line
    i += 1
pad = 65535 - len(text) - len('X,"A')
text = text[:-1] + "0" * pad + "\n" if pad > 0 else text  # pad the last filler value
start = len(text)
text += 'X,"A\r\nB"' + row
assert text[start + 4] == "\r" and start + 4 == 65535, (start, pad)
open("in.csv", "w", newline="").write(text)
