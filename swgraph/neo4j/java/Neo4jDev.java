/*
 * swgraph's local development Neo4j: a Neo4j Community 5.26 server running in
 * this JVM, no Docker and no Neo4j distribution needed, only the Maven jars.
 *
 * Usage (swgraph.neo4j.server does this for you):
 *
 *   java -cp "<classes>:<cache>/lib/*" Neo4jDev \
 *        --home DIR --bolt-port N --http-port N --password-file FILE [--parent-pid PID]
 *        [--guide-dir DIR --guide-mount /swgraph]
 *
 * With --parent-pid the server also stops (cleanly) when that process ends:
 * test sessions use it so a killed test run leaves no server behind.
 *
 * - Bolt and HTTP listen on 127.0.0.1 only; HTTPS is off.
 * - Authentication is enabled. The password of user "neo4j" is read from
 *   FILE (first line), never from the command line, and is never printed.
 *   On a new DIR it is installed before the DBMS first starts (the same
 *   mechanism as `neo4j-admin dbms set-initial-password`: data/dbms/auth.ini),
 *   so the default neo4j/neo4j login never exists. On an existing DIR the
 *   password is re-applied through the system database, so the password file
 *   is always the truth.
 * - Neo4j Browser is served at /browser/ when the neo4j-browser jar is on
 *   the class path.
 * - With --guide-dir, the folder's files (the swgraph guide and style) are
 *   served at --guide-mount (SwgraphGuide.java), without authentication, and
 *   the Browser plays the guide once a user has logged in.
 * - Data persists in DIR/data; logs go to DIR/logs.
 * - Prints "swgraph-neo4j ready bolt=... http=..." once the server accepts
 *   connections, then runs until SIGTERM/SIGINT, which shut it down cleanly.
 *
 * Exit codes: 0 clean stop, 2 bad arguments, 3 bad password file, other
 * non-zero: Neo4j failed to start (see DIR/logs).
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.FileUserRepository;

public final class Neo4jDev {
    static final String READY = "swgraph-neo4j ready";
    static final String USER = "neo4j";

    private Neo4jDev() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        Path home = Path.of(opts.get("--home")).toAbsolutePath();
        int boltPort = Integer.parseInt(opts.get("--bolt-port"));
        int httpPort = Integer.parseInt(opts.get("--http-port"));
        String password = readPassword(Path.of(opts.get("--password-file")));

        Path conf = home.resolve("conf");
        Path data = home.resolve("data");
        for (String sub : List.of("conf", "data", "logs", "run", "plugins", "import")) {
            Files.createDirectories(home.resolve(sub));
        }
        Path confFile = conf.resolve("neo4j.conf");
        Files.writeString(confFile, CONF);

        boolean fresh = !Files.exists(data.resolve("databases").resolve("system"));
        if (fresh) {
            writeInitialPassword(data.resolve("dbms"), password);
        }

        Map<String, String> overrides = new HashMap<>();
        overrides.put("server.bolt.listen_address", "127.0.0.1:" + boltPort);
        overrides.put("server.bolt.advertised_address", "127.0.0.1:" + boltPort);
        overrides.put("server.http.listen_address", "127.0.0.1:" + httpPort);
        overrides.put("server.http.advertised_address", "127.0.0.1:" + httpPort);
        if (opts.containsKey("--guide-dir")) {
            String mount = opts.getOrDefault("--guide-mount", "/swgraph");
            String guide = "http://127.0.0.1:" + httpPort + mount + "/guide/swgraph.html";
            System.setProperty("swgraph.guide.dir", Path.of(opts.get("--guide-dir")).toAbsolutePath().toString());
            overrides.put("server.unmanaged_extension_classes", "swgraph.guide=" + mount);
            overrides.put("dbms.security.http_auth_allowlist", "/,/browser.*," + mount + "/.*");
            overrides.put("browser.remote_content_hostname_whitelist", "127.0.0.1,localhost,guides.neo4j.com");
            overrides.put("browser.post_connect_cmd", "play " + guide);
        }

        CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
        int rc = bootstrapper.start(home, confFile, overrides, false, false);
        if (rc != 0) {
            System.err.println("swgraph-neo4j: Neo4j failed to start (exit code " + rc + "); see " + home.resolve("logs"));
            System.exit(rc);
        }
        // auth.ini is consumed when the system database is created: the user now lives there.
        Files.deleteIfExists(data.resolve("dbms").resolve("auth.ini"));
        if (!fresh) {
            syncPassword(bootstrapper.getDatabaseManagementService(), password);
        }
        password = null;
        System.out.println(READY + " bolt=bolt://127.0.0.1:" + boltPort + " http=http://127.0.0.1:" + httpPort
                + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        if (opts.containsKey("--parent-pid")) {
            watchParent(Long.parseLong(opts.get("--parent-pid")));
        }
        // NeoBootstrapper installed SIGTERM/SIGINT handlers and a shutdown hook that stop Neo4j cleanly.
        new CountDownLatch(1).await();
    }

    /** Settings shared by every start; the ports come as overrides. No secrets in here. */
    static final String CONF = String.join("\n",
            "# Written by swgraph (Neo4jDev.java) at every start; edits are overwritten.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            "server.bolt.enabled=true",
            "server.bolt.tls_level=DISABLED",
            "server.http.enabled=true",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "# Page cache above the store size of a national network (~0.4 GB at 20k organisations); heap via -Xmx.",
            "server.memory.pagecache.size=1g",
            "dbms.memory.transaction.total.max=1g",
            "dbms.usage_report.enabled=false",
            "# Stop in ~1 s instead of ~10 s (Bolt waits 2 x 5 s for idle connections by default).",
            "internal.server.bolt.connection_shutdown_wait_time=0s",
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
            "");

    /** Exit (running the clean-shutdown hook) once process {@code pid} is gone. */
    static void watchParent(long pid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("swgraph-neo4j: parent process " + pid + " ended; stopping");
            System.exit(0);
        }, "swgraph-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--home", "--bolt-port", "--http-port", "--password-file")) {
            if (!opts.containsKey(required) || args.length % 2 != 0) {
                System.err.println("usage: Neo4jDev --home DIR --bolt-port N --http-port N --password-file FILE");
                System.exit(2);
            }
        }
        return opts;
    }

    static String readPassword(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("swgraph-neo4j: cannot read the password file " + file + ": " + e.getClass().getSimpleName());
            System.exit(3);
            return null;
        }
        String pw = text.lines().findFirst().orElse("").strip();
        if (pw.length() < 8) {
            System.err.println("swgraph-neo4j: the password in " + file + " must have at least 8 characters");
            System.exit(3);
        }
        return pw;
    }

    /** What `neo4j-admin dbms set-initial-password` does: data/dbms/auth.ini, read when the system db is created. */
    static void writeInitialPassword(Path dbmsDir, String password) throws Exception {
        Files.createDirectories(dbmsDir);
        Path authIni = dbmsDir.resolve("auth.ini");
        Files.deleteIfExists(authIni);
        Files.createFile(authIni, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            FileUserRepository repo = new FileUserRepository(fs, authIni, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repo.start();
            SystemGraphCredential credential = SystemGraphCredential.createCredentialForPassword(
                    password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
            repo.create(new User(USER, null, credential, false, false));
            repo.shutdown();
        }
    }

    /** Whether user neo4j already has this password (checked in-process, no network round trip). */
    static boolean passwordMatches(DatabaseManagementService dbms, String password) {
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database("system");
            AuthManager auth = system.getDependencyResolver().resolveDependency(AuthManager.class);
            LoginContext login = auth.login(AuthToken.newBasicAuthToken(USER, password), ClientConnectionInfo.EMBEDDED_CONNECTION);
            return login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS;
        } catch (Exception | LinkageError e) {
            return false; // fall back to ALTER USER
        }
    }

    /** Existing store: make the password file the truth (no-op when it already matches). */
    static void syncPassword(DatabaseManagementService dbms, String password) {
        if (passwordMatches(dbms, password)) {
            return; // the usual case
        }
        // Fast path: store the new credential on the user's node in the system database, as ALTER USER
        // does, then check it took (ALTER USER itself costs seconds of Cypher warm-up on a fresh JVM).
        try (Transaction tx = dbms.database("system").beginTx()) {
            Node user = tx.findNode(Label.label("User"), "name", USER);
            if (user != null) {
                user.setProperty("credentials", SystemGraphCredential.createCredentialForPassword(
                        password.getBytes(StandardCharsets.UTF_8), new SecureHasher()).serialize());
                user.setProperty("passwordChangeRequired", false);
                tx.commit();
            }
        } catch (RuntimeException e) {
            // fall through to ALTER USER
        }
        if (passwordMatches(dbms, password)) {
            System.out.println("swgraph-neo4j: applied the password file to user " + USER);
            return;
        }
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            System.out.println("swgraph-neo4j: applied the password file to user " + USER + " (ALTER USER)");
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("cannot be the same")) {
                // The message never contains the password (it is a parameter).
                System.err.println("swgraph-neo4j: warning: could not apply the password file: " + msg.lines().findFirst().orElse(""));
            }
        }
    }
}
