package dev.tumbler.model.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The python3 tool runs code, and escapes (loops, forks, floods, writes, network) are contained. */
class PythonToolTest {
    private static final PythonLimits LIMITS = new PythonLimits(Duration.ofSeconds(4), 1, 256L << 20, 1L << 16, 4096);
    private static PythonTool tool;

    @TempDir
    Path outside;

    @BeforeAll
    static void create() {
        tool = PythonTool.create(LIMITS);
    }

    @Test
    void runsCodeAndPrintsExpressionValues() {
        assertEquals("3", tool.run("1 + 2"));
        assertEquals("3", tool.run("print('strawberry'.count('r'))"));
        assertEquals("hi\n2", tool.run("x = 2\nprint('hi')\nprint(x)"));
        String err = tool.run("1 / 0");
        assertTrue(err.startsWith("error: ZeroDivisionError"), err);
    }

    @Test
    void anInfiniteLoopIsStopped() {
        long t0 = System.nanoTime();
        String out = tool.run("while True:\n    pass");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(out.startsWith("error: "), out);
        assertTrue(seconds < LIMITS.timeout().toSeconds() + 3, "stopped in " + seconds + " s");
    }

    @Test
    void aForkBombStartsNoProcess() {
        String out = tool.run("import os\nwhile True:\n    os.fork()");
        assertTrue(out.startsWith("error: ") && out.contains("not allowed"), out);
        String subprocess = tool.run("import subprocess\nsubprocess.run(['true'])");
        assertTrue(subprocess.startsWith("error: "), subprocess);
        // The kernel limit holds too, and the code cannot raise it.
        assertEquals("(0, 0)", tool.run("import resource\nprint(resource.getrlimit(resource.RLIMIT_NPROC))"));
        String raise = tool.run("import resource\nresource.setrlimit(resource.RLIMIT_NPROC, (100, 100))");
        assertTrue(raise.startsWith("error: "), raise);
    }

    @Test
    void hugeOutputIsCut() {
        long t0 = System.nanoTime();
        String once = tool.run("print('x' * 10**7)");
        assertTrue(once.length() < LIMITS.outputBytes() + 200 && once.contains("[output cut at 4096 bytes"), 
                once.substring(Math.max(0, once.length() - 200)));
        String forever = tool.run("while True:\n    print('y' * 1000)");
        assertTrue(forever.contains("[output cut"), forever.substring(Math.max(0, forever.length() - 200)));
        assertTrue((System.nanoTime() - t0) / 1e9 < 2 * LIMITS.timeout().toSeconds(), "no hang");
    }

    @Test
    void writesOutsideTheTempDirAreBlocked() throws IOException {
        Path target = outside.resolve("escaped.txt");
        String out = tool.run("open(" + quoted(target) + ", 'w').write('owned')");
        assertTrue(out.startsWith("error: ") && out.contains("outside the sandbox"), out);
        String viaOs = tool.run("import os\nfd = os.open(" + quoted(target) + ", os.O_WRONLY | os.O_CREAT)");
        assertTrue(viaOs.startsWith("error: "), viaOs);
        String relative = tool.run("open('../../escaped.txt', 'w').write('owned')");
        assertTrue(relative.startsWith("error: "), relative);
        String symlink = tool.run("import os\nos.symlink(" + quoted(outside) + ", 'link')\n"
                + "open('link/escaped.txt', 'w').write('owned')");
        assertTrue(symlink.startsWith("error: "), symlink);
        String dirFd = tool.run("import os\nd = os.open(" + quoted(outside) + ", os.O_RDONLY)\n"
                + "os.open('escaped.txt', os.O_WRONLY | os.O_CREAT, dir_fd=d)");
        assertTrue(dirFd.startsWith("error: "), dirFd);
        String sqlite = tool.run("import sqlite3\nc = sqlite3.connect(':memory:')\n"
                + "c.execute(\"ATTACH DATABASE " + quoted(target) + " AS x\")\nc.execute('CREATE TABLE x.t (a)')");
        assertTrue(sqlite.startsWith("error: "), sqlite);
        assertFalse(Files.exists(target), "nothing was written outside");
        assertEquals("5", tool.run("open('inside.txt', 'w').write('hello')"), "writing inside the temp dir works");
        String big = tool.run("open('big.bin', 'wb').write(b'x' * 10**6)");
        assertTrue(big.startsWith("error: "), "the file size limit holds: " + big);
    }

    @Test
    void networkConnectionsFail() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(500);
            String out = tool.run("import socket\ns = socket.create_connection(('127.0.0.1', " + server.getLocalPort()
                    + "), timeout=2)\nprint('connected')");
            assertTrue(out.startsWith("error: ") && !out.contains("connected"), out);
            boolean accepted;
            try {
                server.accept().close();
                accepted = true;
            } catch (SocketTimeoutException e) {
                accepted = false;
            }
            assertFalse(accepted, "no connection reached the server");
        }
        if (tool.networkNamespace()) {
            String interfaces = tool.run("print(open('/proc/net/dev').read())");
            assertFalse(interfaces.contains("eth") || interfaces.contains("ens"), interfaces);
            assertTrue(interfaces.contains("lo:"), interfaces);
        }
    }

    @Test
    void memoryIsLimited() {
        String out = tool.run("x = bytearray(2 * 10**9)");
        assertTrue(out.startsWith("error: MemoryError"), out);
    }

    private static String quoted(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
