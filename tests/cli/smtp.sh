# smtp.sh - a real SMTP server on loopback for the letter tests, sourced
# after lib.sh.  start_smtp runs aiosmtpd (Debian: python3-aiosmtpd) on a
# free port, writing every message it takes to the Maildir $MD, points
# REDRESS_SMTP_URL at it and stops it when the test ends.
#
#   arrived            how many messages the server has taken
#   mail WHICH DIR     writes a message into DIR: "headers" (Subject, From,
#                      To, Message-ID), "types" (every part's content
#                      type), text.txt, html.html and any attachment under
#                      its file name.  WHICH is N (the Nth to arrive) or
#                      to:ADDRESS (the one sent to ADDRESS).

start_smtp() {
	py=""
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import aiosmtpd' 2>/dev/null; then py=$p; break; fi
	done
	if [ -z "$py" ]; then
		bad "aiosmtpd is not installed (Debian: python3-aiosmtpd)"
		finish
		exit 1
	fi
	port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	MD=$T/maildir
	"$py" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$MD" 2>"$T/smtp.log" &
	smtp=$!
	trap 'kill $smtp 2>/dev/null; rm -rf "$T"' EXIT
	i=0
	until "$py" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && break
		sleep 0.1
	done
	export REDRESS_SMTP_URL=smtp://127.0.0.1:$port
}

arrived() { ls "$MD/new" 2>/dev/null | wc -l | tr -d ' '; }

mail() {
	rm -rf "$2" && mkdir -p "$2"
	"$py" - "$MD" "$1" "$2" <<'EOF'
import mailbox, os, sys
box = mailbox.Maildir(sys.argv[1], create=False)
path = lambda k: os.path.join(sys.argv[1], "new", k)
keys = sorted(box.keys(), key=lambda k: os.stat(path(k)).st_mtime_ns if os.path.exists(path(k)) else 0)
which, out = sys.argv[2], sys.argv[3]
if which.startswith("to:"):
    found = [k for k in keys if which[3:] in (box[k]["To"] or "")]
    if not found:
        sys.exit(0)
    msg = box[found[0]]
else:
    if int(which) > len(keys):
        sys.exit(0)
    msg = box[keys[int(which) - 1]]
with open(os.path.join(out, "headers"), "w") as f:
    for h in ("Subject", "From", "To", "Message-ID"):
        f.write("%s: %s\n" % (h, msg[h]))
types = []
for part in msg.walk():
    types.append(part.get_content_type())
    body = part.get_payload(decode=True)
    if body is None:
        continue
    if part.get_filename():
        open(os.path.join(out, part.get_filename()), "wb").write(body)
    elif part.get_content_type() == "text/plain":
        open(os.path.join(out, "text.txt"), "wb").write(body)
    elif part.get_content_type() == "text/html":
        open(os.path.join(out, "html.html"), "wb").write(body)
open(os.path.join(out, "types"), "w").write(" ".join(types) + "\n")
EOF
}
