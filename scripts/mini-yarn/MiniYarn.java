import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A one-node YARN cluster (Hadoop's MiniYARNCluster: a ResourceManager and a NodeManager in this JVM)
 * for the test of the EMR step path, src/test/java/llmops/deploy/YarnClusterIT.java. Run as a Java
 * source file on the classpath that pom.xml beside this file resolves:
 *
 * <pre>java -cp "$(cat target/mini-yarn/cluster.classpath)" scripts/mini-yarn/MiniYarn.java CONF_DIR</pre>
 *
 * Once the NodeManager has registered, it writes CONF_DIR/yarn-site.xml: the configuration a client
 * submits with (YARN_CONF_DIR), with the real ports and the NodeManager's log directory
 * (yarn.nodemanager.log-dirs). It runs until its standard input closes. Every server binds to
 * 127.0.0.1 only; clients reach them under the machine's host name, which must resolve to a
 * loopback address.
 */
public final class MiniYarn {
  private MiniYarn() {}

  public static void main(String[] args) throws Exception {
    Path confDir = Path.of(args[0]);
    YarnConfiguration conf = new YarnConfiguration();
    conf.set(YarnConfiguration.RM_BIND_HOST, "127.0.0.1");
    conf.set(YarnConfiguration.NM_BIND_HOST, "127.0.0.1");
    // Small containers (a 1 GiB driver or executor asks 1408 MiB with Spark's overhead) on a small machine;
    // MiniYARNCluster gives its NodeManager 4 GiB, room for the ApplicationMaster and one executor.
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
    // The JVMs' virtual memory is far above their heap and the node's memory is shared with the tests: no kills.
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // A full disk would mark the only node unhealthy and leave every application waiting.
    conf.setBoolean("yarn.nodemanager.disk-health-checker.enable", false);
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
    // yarn.resourcemanager.am.max-attempts stays at YARN's default, 2: an ApplicationMaster that ends
    // without reporting a final status is run again, which is what the test looks for.

    MiniYARNCluster cluster = new MiniYARNCluster("mini-yarn", 1, 1, 1);
    cluster.init(conf);
    cluster.start();
    if (!cluster.waitForNodeManagersToConnect(60_000)) {
      throw new IllegalStateException("the NodeManager did not register with the ResourceManager within 60 s");
    }
    Configuration client = cluster.getConfig();
    client.set(YarnConfiguration.NM_LOG_DIRS, cluster.getNodeManager(0).getConfig().get(YarnConfiguration.NM_LOG_DIRS));

    // Written aside and moved into place, so that a reader that sees the file sees all of it.
    Files.createDirectories(confDir);
    Path partial = confDir.resolve("yarn-site.xml.partial");
    try (OutputStream out = Files.newOutputStream(partial)) {
      client.writeXml(out);
    }
    Files.move(partial, confDir.resolve("yarn-site.xml"), StandardCopyOption.ATOMIC_MOVE);
    System.out.println("MiniYarn ready: ResourceManager at " + client.get(YarnConfiguration.RM_ADDRESS)
        + ", web services at " + client.get(YarnConfiguration.RM_WEBAPP_ADDRESS));

    while (System.in.read() >= 0) {
      // runs until the test JVM that started it closes the pipe or exits
    }
    cluster.stop();
  }
}
