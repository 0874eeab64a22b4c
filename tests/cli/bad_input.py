"""bad_input.py - the generated bad-input test of the command line (run by
test_bad_input.sh, which gives it the binary and the database).

The commands, their actions and every option with its type are read from
the command sources (src/cli/cmd_*.c: the usage line, the struct cli_opt
tables and, for complaints, the action table).  Every option of every
action, and every positional argument, is given an empty, a huge, a
wrong-type and hostile values.  Each run must end with a clear error (exit
1 or 2, "redress: ..." or "usage: ..." on standard error) or succeed, never
crash (no signal, no sanitizer report); a refused run must leave the
database exactly as it was; a wrong-type or empty value of a typed option
(a number, yes/no, a date) must be refused; and a shell command in a value
is never run.  Prints "ok N" and "FAIL: ..." lines.  BAD_INPUT_EVERY=K
runs only every Kth case (the sanitizer and PostgreSQL runs, which are
slower).
"""
import glob, hashlib, os, re, shutil, sqlite3, subprocess, sys, tempfile

REDRESS, DB, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
PG = os.environ.get('REDRESS_TEST_STORE') == 'pg'
if not PG:
    DB = os.path.abspath(DB)
# Commands run four folders deep in a directory of the test's own, so a
# hostile relative path ("../../../../etc/passwd") lands inside it and
# never on the machine's files, even when the test runs as root.
WORK = tempfile.mkdtemp(prefix='redress-bad-input-')
CWD = os.path.join(WORK, 'a', 'b', 'c', 'd')
os.makedirs(CWD)
LANDLORD = os.environ.get('LANDLORD', '')

# commands the test does not run: serve blocks, demo and init make
# databases, backup/restore/copy take paths of databases (their paths are
# tested by their own tests)
SKIP = {'serve', 'demo', 'init', 'backup', 'copy'}
# real records of the demo, for positional arguments
POS = {'complaint': 'CMP-2026-000001', 'person': 'P-000001',
       'service-request': 'SR-2026-000001', 'letter': 'CMP-2026-000001',
       'user': 'alice'}
HUGE = 'A' * 70000
HOSTILE = ["'; DROP TABLE events; --", '$(touch pwned)', '`touch pwned`',
           '\x1b[2J\x1b[31mred', '%s%s%n%x%p', '../../../../etc/passwd',
           'line\nbreak\r\n', '<script>alert(1)</script>', '-1',
           '99999999999999999999999', '\u202egnp.exe', '\U0001F4A9' * 50,
           'NULL', '1e308', '0x7fffffff', '-', '--db', '{"a": [1, {"b": null}]}']

SQL = ("SELECT * FROM events ORDER BY id; SELECT * FROM aggregates ORDER BY stream; "
       "SELECT * FROM complaints ORDER BY reference; SELECT * FROM counters ORDER BY name;")


# SQLite: one connection kept open, whose PRAGMA data_version changes
# whenever another connection commits; while it stays the same nothing
# was written, and the full digest is only read again when it moved.
_watch = None if PG else sqlite3.connect(DB, isolation_level=None)
_seen_version = None
_last = None


def digest():
    global _seen_version, _last
    if not PG:
        v = _watch.execute('PRAGMA data_version').fetchone()[0]
        if v == _seen_version and _last is not None:
            return _last
        _seen_version = v
        _last = full_digest()
        return _last
    return full_digest()


def full_digest():
    if PG:
        env = dict(os.environ, PGOPTIONS='-c search_path=' + LANDLORD)
        out = subprocess.run(['psql', '-X', '-q', '-A', '-t', DB.split('?')[0], '-c', SQL],
                             capture_output=True, env=env).stdout
    else:
        con = sqlite3.connect(DB)
        h = hashlib.sha256()
        for q in SQL.split(';'):
            if q.strip():
                for row in con.execute(q):
                    h.update(repr(row).encode())
        con.close()
        return h.hexdigest()
    return hashlib.sha256(out).hexdigest()


def options(text):
    """Every struct cli_opt table of a source file: name -> [(flag, type)]."""
    tables = {}
    for m in re.finditer(r'struct cli_opt (\w+)\[\] = \{(.*?)\n\t?\};', text, re.S):
        tables[m.group(1)] = re.findall(r'\{ "([a-z0-9-]+)", (?:NULL|"[^"]*"), (O_[A-Z]+) \}',
                                        m.group(2))
    return tables


def commands():
    """(command, action or None, [(flag, type)], positional count)"""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'src/cli/cmd_*.c'))):
        text = open(path).read()
        tables = options(text)
        for um in re.finditer(r'usage\[\] =\s*((?:"[^"]*"\s*)+);', text):
            usage = ''.join(re.findall(r'"([^"]*)"', um.group(1)))
            first = usage.split()[0]
            if first in SKIP or first == 'restore':
                continue
            allopts = sorted({o for t in tables.values() for o in t})
            acts = re.search(r'\{ "([a-z-]+)", (o_\w+), \d \},', text)
            if first == 'complaint' and acts:
                pairs = re.findall(r'\{ "([a-z-]+)", (o_\w+), (\d) \},', text)
                for a, t, idarg in pairs:
                    out.append((first, a, tables.get(t, []), 1 + int(idarg)))
                for a in ('show', 'list', 'events'):
                    out.append((first, a, allopts, 0 if a == 'list' else 1))
                continue
            rest = usage[len(first):].split()
            if rest and re.fullmatch(r'[a-z-]+(\|[a-z-]+)+', rest[0]) and first != 'letter':
                actions = rest[0].split('|')
            elif rest and re.fullmatch(r'[a-z-]+', rest[0]) and rest[0] not in ('REF',):
                actions = [rest[0]]
            else:
                actions = [None]
            for a in actions:
                npos = 1 if (first in ('person', 'service-request') and a not in ('new', 'list', 'reviews', 'add')) \
                    or first == 'letter' or (first == 'user' and a in ('add', 'passwd', 'token')) else 0
                out.append((first, a, allopts, npos))
    return out


def typed(flag, kind):
    if kind in ('O_INT', 'O_NUM', 'O_YESNO'):
        return True
    return kind == 'O_STR' and (flag in ('on', 'from', 'to', 'as-at', 'due-by', 'date')
                                or flag.endswith('-on') or flag.endswith('-date'))


def wrong(flag, kind):
    if kind in ('O_INT', 'O_NUM'):
        return 'twelve'
    if kind == 'O_YESNO':
        return 'perhaps'
    if typed(flag, kind):
        return '2026-02-30'
    if kind in ('O_DECISION', 'O_REMEDY', 'O_ACTION'):
        return 'nonsense'
    if kind == 'O_FILE':
        return '/nonexistent/input.json'
    return '12345'


passed = 0
failed = 0
state = digest()
n = 0


EVERY = int(os.environ.get('BAD_INPUT_EVERY', '1'))
seen = 0


def run(args, must_fail, what):
    global passed, failed, state, seen
    seen += 1
    if seen % EVERY:
        return
    try:
        p = subprocess.run([REDRESS] + args + ['--db', DB], capture_output=True, timeout=60,
                           stdin=subprocess.DEVNULL, cwd=CWD)
    except subprocess.TimeoutExpired:
        failed += 1
        print('FAIL: %s: timed out' % what)
        return
    err = p.stderr.decode('utf-8', 'replace')
    problems = []
    if p.returncode not in (0, 1, 2):
        problems.append('exit %d (crash?)' % p.returncode)
    if 'Sanitizer' in err or 'runtime error:' in err:
        problems.append('sanitizer: ' + err[:300])
    if os.path.exists('pwned') or os.path.exists(os.path.join(CWD, 'pwned')):
        problems.append('a shell command in a value was run')
        for f in ('pwned', os.path.join(CWD, 'pwned')):
            if os.path.exists(f):
                os.remove(f)
    if p.returncode != 0:
        if not re.search(r'^(redress|usage): ', err, re.M):
            problems.append('no clear error: %r' % err[:200])
        now = digest()
        if now != state:
            problems.append('refused, yet the database changed')
            state = now
    else:
        if must_fail:
            problems.append('accepted')
        state = digest()
    if problems:
        failed += 1
        print('FAIL: %s: %s' % (what, '; '.join(problems)))
    else:
        passed += 1


for cmd, action, opts, npos in commands():
    base = [cmd] + ([action] if action else [])
    pos = []
    if npos:
        pos = [POS.get(cmd, 'x')] + (['1'] * (npos - 1))
    if cmd == 'letter':
        pos = [POS['letter'], '--kind', 'acknowledgement']
    # the positional arguments themselves
    for i in range(len(pos) if cmd != 'letter' else 1):
        for v in ['', HUGE, HOSTILE[n % len(HOSTILE)]]:
            n += 1
            args = base + pos[:i] + [v] + pos[i + 1:]
            run(args, v == '' or v == HUGE, '%s positional %d = %.30r' % (' '.join(base), i + 1, v))
    for flag, kind in opts:
        if kind == 'O_FLAG':
            vals = [('', False), (HOSTILE[n % len(HOSTILE)], False)]
        else:
            vals = [('', typed(flag, kind)), (HUGE, typed(flag, kind)),
                    (wrong(flag, kind), typed(flag, kind)),
                    (HOSTILE[n % len(HOSTILE)], False)]
        for v, must in vals:
            n += 1
            # some commands write when given a good value: only the
            # typed options' bad values are certain to be refused
            run(base + pos + ['--' + flag, v], must,
                '%s --%s %.30r' % (' '.join(base), flag, v))
print('ok %d' % passed)
print('failed %d' % failed)
shutil.rmtree(WORK, ignore_errors=True)
