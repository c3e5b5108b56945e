package nl.kennisnetwerk.opensearch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.Version;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Starts one real OpenSearch node in this JVM from the jars on the classpath, for development and
 * tests. No Bootstrap: no security manager, no bootstrap checks, no jar-hell scan; the plugins are
 * passed as classpath plugins, and modules/ and plugins/ under path.home stay empty.
 *
 * <p>Options (command line wins over system properties, which win over defaults):
 * <pre>
 *   --port N            opensearch.node.port          HTTP port, default 9200
 *   --transport-port P  opensearch.node.transport.port  transport port or range, default 0 (any free)
 *   --home PATH         opensearch.node.home          path.home, default &lt;repo&gt;/.data/opensearch
 *   --cluster-name NAME opensearch.node.cluster.name  default kennisnetwerk-dev
 *   --node-name NAME    opensearch.node.name          default node-1
 *   --seed-hosts H:P,.. opensearch.node.seed.hosts    transport addresses of the other nodes
 *   --initial-cluster-manager-nodes N1,N2,..
 *                       opensearch.node.initial.cluster.manager.nodes  node names that may
 *                                                     bootstrap a new cluster (first start only)
 * </pre>
 * Without --seed-hosts the node is a cluster of its own ({@code discovery.type: single-node}).
 * With it the node joins the others by zen discovery; give every node its own --home, --node-name
 * and --transport-port, and the same --seed-hosts and --initial-cluster-manager-nodes.
 * Exits non-zero with a message on stderr when the HTTP port is taken or the node fails to start.
 */
public final class OpenSearchNode {

    static final int EXIT_USAGE = 64;
    static final int EXIT_PORT_TAKEN = 3;
    static final int EXIT_START_FAILED = 1;

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        org.opensearch.transport.Netty4Plugin.class,
        org.opensearch.analysis.common.CommonAnalysisPlugin.class,
        org.opensearch.index.mapper.MapperExtrasPlugin.class,
        org.opensearch.index.reindex.ReindexPlugin.class,
        // Templates: the spelling suggester's `collate` checks its words against the access filter.
        org.opensearch.script.mustache.MustachePlugin.class,
        org.opensearch.painless.PainlessPlugin.class
    );

    /** Node's constructor that takes classpath plugins is protected. */
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    static final class Options {
        int port = 9200;
        String transportPort = "0";
        Path home;
        String clusterName = "kennisnetwerk-dev";
        String nodeName = "node-1";
        List<String> seedHosts = List.of();
        List<String> initialClusterManagerNodes = List.of();

        boolean clustered() {
            return !seedHosts.isEmpty();
        }
    }

    private OpenSearchNode() {}

    public static void main(String[] args) {
        Options opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            die(EXIT_USAGE, e.getMessage() + "\nusage: OpenSearchNode [--port N] [--home PATH] "
                + "[--cluster-name NAME] [--node-name NAME] [--transport-port P] "
                + "[--seed-hosts H:P,H:P,...] [--initial-cluster-manager-nodes NAME,NAME,...]");
            return;
        }

        long t0 = System.nanoTime();
        String host = "127.0.0.1";

        // Fail fast and clearly when the HTTP port is taken (before locking path.data etc.).
        if (!portFree(host, opts.port)) {
            die(EXIT_PORT_TAKEN, "HTTP port " + host + ":" + opts.port
                + " is already in use; is another OpenSearch (or something else) running there? "
                + "Pick another with --port / OPENSEARCH_PORT.");
        }

        final Node node;
        try {
            Path home = opts.home.toAbsolutePath().normalize();
            for (String sub : new String[] {"config", "data", "logs", "modules", "plugins"}) {
                Files.createDirectories(home.resolve(sub));
            }
            Settings.Builder builder = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", opts.clusterName)
                .put("node.name", opts.nodeName)
                .put("network.host", host)
                .put("http.port", Integer.toString(opts.port))
                .put("transport.port", opts.transportPort)
                .put("cluster.routing.allocation.disk.threshold_enabled", false);
            if (opts.clustered()) {
                builder.putList("discovery.seed_hosts", opts.seedHosts);
                if (!opts.initialClusterManagerNodes.isEmpty()) {
                    builder.putList("cluster.initial_cluster_manager_nodes", opts.initialClusterManagerNodes);
                }
                // Nodes on one machine: the defaults (1 s / 10 s) are tuned for real networks. A killed
                // node's closed sockets are noticed at once anyway; these bound the silent cases.
                builder.put("cluster.fault_detection.leader_check.timeout", "3s")
                    .put("cluster.fault_detection.follower_check.timeout", "3s")
                    .put("discovery.find_peers_interval", "500ms");
            } else {
                builder.put("discovery.type", "single-node");
            }
            Settings settings = builder.build();
            Environment env = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), home.resolve("config"), () -> opts.nodeName);
            node = new EmbeddedNode(env, PLUGINS);
        } catch (Throwable t) {
            die(EXIT_START_FAILED, "OpenSearch node could not be created: " + describe(t), t);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Throwable t) {
                System.err.println("error while stopping OpenSearch: " + describe(t));
            } finally {
                stopped.countDown();
                org.apache.logging.log4j.LogManager.shutdown();
            }
        }, "opensearch-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            node.start();
            var health = node.client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus()
                // A clustered node waits for enough peers to elect a cluster manager.
                .setTimeout(TimeValue.timeValueSeconds(opts.clustered() ? 180 : 60))
                .get();
            if (health.isTimedOut() || health.getStatus() == ClusterHealthStatus.RED) {
                throw new IllegalStateException("cluster health did not reach yellow: " + health.getStatus());
            }
            TransportAddress http = node.injector().getInstance(HttpServerTransport.class)
                .boundAddress().publishAddress();
            if (http.getPort() != opts.port) {
                throw new IllegalStateException("HTTP bound to port " + http.getPort() + " instead of " + opts.port);
            }
        } catch (Throwable t) {
            die(EXIT_START_FAILED, "OpenSearch node failed to start: " + describe(t), t);
            return;
        }

        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("OpenSearch %s ready on http://%s:%d (cluster %s, node %s%s, home %s, %.1f s)%n",
            Version.CURRENT, host, opts.port, opts.clusterName, opts.nodeName,
            opts.clustered() ? ", seed hosts " + String.join(",", opts.seedHosts) : ", single-node",
            opts.home.toAbsolutePath().normalize(), secs);
        System.out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Options parse(String[] args) {
        Options o = new Options();
        o.port = parsePort(System.getProperty("opensearch.node.port", "9200"), "opensearch.node.port");
        o.transportPort = System.getProperty("opensearch.node.transport.port", o.transportPort);
        String home = System.getProperty("opensearch.node.home");
        o.clusterName = System.getProperty("opensearch.node.cluster.name", o.clusterName);
        o.nodeName = System.getProperty("opensearch.node.name", o.nodeName);
        o.seedHosts = parseList(System.getProperty("opensearch.node.seed.hosts", ""));
        o.initialClusterManagerNodes = parseList(
            System.getProperty("opensearch.node.initial.cluster.manager.nodes", ""));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (key.equals("-h") || key.equals("--help")) {
                throw new IllegalArgumentException("help");
            }
            if (!key.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + key);
                }
                value = args[++i];
            }
            switch (key) {
                case "--port": o.port = parsePort(value, key); break;
                case "--transport-port": o.transportPort = value; break;
                case "--home": home = value; break;
                case "--cluster-name": o.clusterName = value; break;
                case "--node-name": o.nodeName = value; break;
                case "--seed-hosts": o.seedHosts = parseList(value); break;
                case "--initial-cluster-manager-nodes": o.initialClusterManagerNodes = parseList(value); break;
                default: throw new IllegalArgumentException("unknown option: " + key);
            }
        }
        o.home = home != null && !home.isEmpty() ? Paths.get(home) : defaultHome();
        if (!o.clustered() && !o.initialClusterManagerNodes.isEmpty()) {
            throw new IllegalArgumentException("--initial-cluster-manager-nodes needs --seed-hosts");
        }
        if (o.clustered() && o.transportPort.equals("0")) {
            // The others find this node only at a fixed address.
            throw new IllegalArgumentException("--seed-hosts needs a fixed --transport-port");
        }
        return o;
    }

    /** "a, b,,c" -> [a, b, c]. */
    static List<String> parseList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static int parsePort(String s, String what) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port for " + what + ": " + s);
        }
    }

    /** &lt;repo&gt;/.data/opensearch, where the classes live in &lt;repo&gt;/services/opensearch/target/classes. */
    static Path defaultHome() {
        try {
            Path classes = Paths.get(OpenSearchNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path service = classes.getParent() != null ? classes.getParent().getParent() : null; // services/opensearch
            if (service != null && service.getParent() != null && service.getParent().getParent() != null
                && Files.isRegularFile(service.resolve("pom.xml"))) {
                return service.getParent().getParent().resolve(".data").resolve("opensearch");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Paths.get(".data", "opensearch");
    }

    static boolean portFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("\n  caused by: ").append(c);
        }
        return sb.toString();
    }

    private static void die(int code, String message) {
        die(code, message, null);
    }

    private static void die(int code, String message, Throwable t) {
        PrintStream err = System.err;
        err.println("ERROR: " + message);
        if (t != null && Boolean.getBoolean("opensearch.node.stacktrace")) {
            t.printStackTrace(err);
        }
        err.flush();
        System.exit(code);
    }
}
