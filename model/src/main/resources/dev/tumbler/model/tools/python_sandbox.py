# Runs one tool call for Tumbler's PythonTool. argv: sandbox_dir cpu_seconds memory_bytes file_bytes code_file
# Kernel limits first (they cannot be raised again without privileges), then Python-level guards (an audit hook,
# which user code cannot remove), then the code. An expression's value is printed, as in a REPL.
import os
import resource
import sys

sandbox, cpu, memory, file_bytes, code_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with open(code_file, encoding="utf-8") as f:
    code = f.read()


def limit(which, value):
    resource.setrlimit(which, (value, value))


limit(resource.RLIMIT_CPU, cpu)
limit(resource.RLIMIT_AS, memory)
limit(resource.RLIMIT_FSIZE, file_bytes)
limit(resource.RLIMIT_NPROC, 0)        # no new processes or threads for this user
limit(resource.RLIMIT_CORE, 0)
limit(resource.RLIMIT_NOFILE, 64)
os.chdir(sandbox)
root = os.path.realpath(sandbox)

PATH_EVENTS = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.symlink", "os.link",
               "os.truncate", "os.utime", "os.chdir", "shutil.rmtree", "shutil.move", "shutil.copyfile",
               "shutil.copymode", "shutil.copystat", "shutil.copytree", "shutil.chown", "os.chflags", "os.mkfifo",
               "os.mknod", "os.setxattr", "os.removexattr"}
PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                  "os.forkpty", "pty.spawn", "os.kill", "os.killpg", "os.startfile"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def inside(path):
    if isinstance(path, int):
        return True
    real = os.path.realpath(os.fsdecode(os.fspath(path)))
    return real == root or real.startswith(root + os.sep)


def guard(event, args):
    if event == "open":
        path, mode, flags = args
        if path is None or isinstance(path, int):
            return
        # A descriptor of an outside directory would let dir_fd= calls (os.open(name, dir_fd=fd), ...) act on
        # relative names there, which the checks below resolve against the sandbox instead.
        if not inside(path) and os.path.isdir(path):
            raise PermissionError("sandbox: opening a directory outside the sandbox is not allowed: %s" % (path,))
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags & WRITE_FLAGS)
        if writing and not inside(path):
            raise PermissionError("sandbox: writing outside the sandbox directory is not allowed: %s" % (path,))
    elif event in PATH_EVENTS:
        for a in args:
            if isinstance(a, (str, bytes, os.PathLike)) and not inside(a):
                raise PermissionError("sandbox: %s outside the sandbox directory is not allowed: %s" % (event, a))
    elif event == "sqlite3.connect":
        # SQLite opens and writes its files in C (ATTACH DATABASE too), out of the audit hook's sight.
        raise PermissionError("sandbox: sqlite3 is not available")
    elif event.startswith("socket."):
        raise PermissionError("sandbox: network access is disabled")
    elif event in PROCESS_EVENTS:
        raise PermissionError("sandbox: starting or signalling processes is not allowed (%s)" % event)
    elif event.startswith("ctypes.") or event.startswith("cpython.run_") or event == "sys.setrecursionlimit":
        raise PermissionError("sandbox: %s is not allowed" % event)


sys.addaudithook(guard)
scope = {"__name__": "__main__", "__builtins__": __builtins__}
try:
    try:
        compiled = compile(code, "<tool>", "eval")
    except SyntaxError:
        compiled = None
    if compiled is not None:
        value = eval(compiled, scope)
        if value is not None:
            print(repr(value) if not isinstance(value, str) else value)
    else:
        exec(compile(code, "<tool>", "exec"), scope)
except SystemExit:
    raise
except BaseException as e:
    sys.stdout.flush()
    print("error: %s: %s" % (type(e).__name__, e), file=sys.stderr)
    sys.exit(1)
