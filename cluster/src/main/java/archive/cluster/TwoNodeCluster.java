package archive.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A two-node OpenSearch cluster in one JVM, for the archive's tests and for trying the archive on a cluster.
 *
 * <p>Usage: {@code java -cp 'cluster/target/classes:cluster/target/lib/*' archive.cluster.TwoNodeCluster
 * [--http-port 9250] [--transport-port 9350] [--name archive-cluster] [--data DIR]}. Node i listens on
 * 127.0.0.1 at http-port + i and transport-port + i. Without --data the nodes keep their data in a fresh
 * temporary folder that is deleted on exit; with it the data stays for the next start.
 *
 * <p>Standard output is kept for the protocol, one line per event: {@code READY <url>,<url>} once both nodes
 * have joined and the cluster is green, then one answer per command read from standard input:
 * {@code stop N} ({@code STOPPED N}), {@code start N} ({@code STARTED N}, once the cluster has both nodes
 * again), {@code quit} or the end of input ({@code BYE}, after both nodes are closed), and {@code ERROR ...}
 * for anything else. The server's own logging goes to standard error.
 *
 * <p>Node 0 is the only cluster-manager-eligible node: two eligible nodes cannot keep a quorum when one of
 * them stops, so the node that the fault tests stop and restart is node 1, a data-only node.
 */
public final class TwoNodeCluster {

    private static final int NODES = 2;
    private static final TimeValue HEALTH_TIMEOUT = TimeValue.timeValueSeconds(120);

    /** Classpath plugins: the HTTP and node-to-node transport, and the analysis chain of the archive's mappings. */
    private static final Collection<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    private final String clusterName;
    private final int httpPort;
    private final int transportPort;
    private final Path dataRoot;
    private final Node[] nodes = new Node[NODES];

    private TwoNodeCluster(String clusterName, int httpPort, int transportPort, Path dataRoot) {
        this.clusterName = clusterName;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.dataRoot = dataRoot;
    }

    /** A {@link Node} whose constructor takes plugin classes straight from the classpath, as no distribution is installed. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "unnamed"), PLUGINS, true);
        }
    }

    private Settings settingsOf(int index) {
        Path home = dataRoot.resolve("node-" + index);
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            seeds.add("127.0.0.1:" + (transportPort + i));
        }
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", "node-" + index)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort + index)
            .put("transport.port", transportPort + index)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .putList("discovery.seed_hosts", seeds)
            .putList("cluster.initial_cluster_manager_nodes", List.of("node-0"))
            // Two nodes share two cores with everything else on the machine: keep the thread pools small.
            .put("node.processors", 1)
            // A crowded disk must not stop replicas from being allocated in a test cluster.
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        if (index == 0) {
            builder.putList("node.roles", List.of("cluster_manager", "data", "ingest"));
        } else {
            builder.putList("node.roles", List.of("data", "ingest"));
        }
        return builder.build();
    }

    private synchronized void start(int index) throws Exception {
        if (nodes[index] != null) {
            throw new IllegalStateException("node " + index + " is already running");
        }
        Node node = new ClasspathNode(settingsOf(index));
        node.start();
        nodes[index] = node;
    }

    private synchronized void stop(int index) throws IOException, InterruptedException {
        Node node = nodes[index];
        if (node == null) {
            throw new IllegalStateException("node " + index + " is not running");
        }
        nodes[index] = null;
        node.close();
        node.awaitClose(30, TimeUnit.SECONDS);
    }

    private synchronized void stopAll() {
        for (int i = NODES - 1; i >= 0; i--) {
            if (nodes[i] != null) {
                try {
                    stop(i);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }
        }
    }

    /** Waits, through node 0, until both nodes are in the cluster and every shard copy is allocated. */
    private void awaitGreen() {
        Node manager = nodes[0];
        if (manager == null) {
            throw new IllegalStateException("node 0 is not running");
        }
        ClusterHealthResponse health = manager.client().admin().cluster().prepareHealth()
            .setWaitForNodes(Integer.toString(NODES))
            .setWaitForGreenStatus()
            .setTimeout(HEALTH_TIMEOUT)
            .get();
        if (health.isTimedOut()) {
            throw new IllegalStateException("cluster not green after " + HEALTH_TIMEOUT + ": " + health.getStatus()
                + " with " + health.getNumberOfNodes() + " nodes");
        }
    }

    private String urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            urls.add("http://127.0.0.1:" + (httpPort + i));
        }
        return String.join(",", urls);
    }

    /** Runs one command line and returns its answer line. */
    private String command(String line) throws Exception {
        String[] words = line.trim().split("\\s+");
        switch (words[0]) {
            case "stop": {
                int index = nodeIndex(words);
                stop(index);
                return "STOPPED " + index;
            }
            case "start": {
                int index = nodeIndex(words);
                start(index);
                awaitGreen();
                return "STARTED " + index;
            }
            default:
                return "ERROR unknown command '" + line.trim() + "' (stop N, start N, quit)";
        }
    }

    private static int nodeIndex(String[] words) {
        if (words.length != 2 || !words[1].matches("[0-9]+") || Integer.parseInt(words[1]) >= NODES) {
            throw new IllegalArgumentException("expected a node number from 0 to " + (NODES - 1));
        }
        return Integer.parseInt(words[1]);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of(
            "--http-port", "9250", "--transport-port", "9350", "--name", "archive-cluster"));
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void main(String[] args) throws Exception {
        // Standard output carries the protocol only: the server's console logging is sent to standard error.
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        // Both nodes would set Netty's processor count, and Netty accepts it once per JVM.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");

        Map<String, String> options = options(args);
        boolean temporary = !options.containsKey("--data");
        Path dataRoot = temporary
            ? Files.createTempDirectory("archive-cluster-")
            : Path.of(options.get("--data")).toAbsolutePath();
        TwoNodeCluster cluster = new TwoNodeCluster(options.get("--name"),
            Integer.parseInt(options.get("--http-port")), Integer.parseInt(options.get("--transport-port")), dataRoot);

        // Ctrl+C or a kill: close the nodes so that their data folders are left consistent.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.stopAll();
            if (temporary) {
                try {
                    deleteTree(dataRoot);
                } catch (IOException e) {
                    System.err.println("could not delete " + dataRoot + ": " + e);
                }
            }
        }));

        long started = System.nanoTime();
        for (int i = 0; i < NODES; i++) {
            cluster.start(i);
        }
        cluster.awaitGreen();
        System.err.printf("cluster green in %.1f s, data in %s%n", (System.nanoTime() - started) / 1e9, dataRoot);
        protocol.println("READY " + cluster.urls());

        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = input.readLine()) != null && !line.trim().equals("quit")) {
            if (line.isBlank()) {
                continue;
            }
            String answer;
            try {
                answer = cluster.command(line);
            } catch (Exception e) {
                answer = "ERROR " + e.getMessage();
            }
            protocol.println(answer);
        }
        // The end of input counts as quit, so that a test run that dies never leaves a cluster behind.
        cluster.stopAll();
        protocol.println("BYE");
        System.exit(0);
    }
}
