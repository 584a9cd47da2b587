package kgw.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Starts an in-process Neo4j (community) with Bolt on 127.0.0.1 and prints one line
 * {@code BOLT bolt://127.0.0.1:PORT} when it accepts connections. Runs until stdin closes
 * (the parent died or let go) or SIGTERM, then shuts down and deletes its store.
 *
 * <p>Usage: {@code java -cp ... kgw.neo4j.Launcher [port]}; port 0 (the default) lets the OS
 * pick a free one, which avoids the race of probing a port in the parent and binding it here.
 * Auth is ON when the env var KGW_NEO4J_PASSWORD is set: the built-in user {@code neo4j} gets that
 * password (never printed; Neo4j requires at least 8 characters). Passing it through the environment keeps it out of the process list.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      // Neo4j's non-daemon threads would keep a failed JVM alive: report and exit instead.
      System.err.println("ERROR " + e);
      e.printStackTrace();
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException ignored) {
          // exiting anyway
        }
        Runtime.getRuntime().halt(1);
      });
      watchdog.setDaemon(true);
      watchdog.start();
      System.exit(1); // runs the shutdown hook: closes Neo4j if it started, deletes the store
    }
  }

  private static void run(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    String password = System.getenv("KGW_NEO4J_PASSWORD");
    boolean auth = password != null && !password.isEmpty();
    Path workDir = Files.createTempDirectory("kgw-neo4j-");
    AtomicReference<Neo4j> started = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started.get(), workDir), "kgw-neo4j-shutdown"));

    Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(workDir)
        // Bolt only: the HTTP server is not needed and would take a second port.
        .withDisabledServer()
        .withConfig(BoltConnector.enabled, true)
        .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .withConfig(GraphDatabaseSettings.auth_enabled, auth)
        // Small page cache: test data is tiny and CI has 2 cores / shared memory.
        .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
        .build();
    started.set(neo4j);

    if (auth) {
      // The embedded API bypasses auth, so it can set the initial password of the default user.
      neo4j.databaseManagementService()
          .database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    }

    URI bolt = neo4j.boltURI();
    System.out.println("BOLT bolt://127.0.0.1:" + bolt.getPort());
    System.out.flush();

    // Block until the parent closes our stdin (or dies); SIGTERM runs the shutdown hook instead.
    InputStream in = System.in;
    byte[] buf = new byte[256];
    while (in.read(buf) >= 0) {
      // Input is ignored; only EOF matters.
    }
    System.exit(0);
  }

  private static synchronized void stop(Neo4j neo4j, Path workDir) {
    try {
      if (neo4j != null) neo4j.close();
    } catch (RuntimeException e) {
      System.err.println("neo4j close failed: " + e.getMessage());
    }
    try (Stream<Path> paths = Files.walk(workDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + workDir + ": " + e.getMessage());
    }
  }
}
