import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/*
 * DynamoDB Local with its listener bound to 127.0.0.1 only (infra/local/dynamodb-local.ts).
 *
 * DynamoDBLocal.jar has no option for the address it listens on: its Jetty server is built with
 * a port alone, i.e. on every interface, so anyone on the network could read and write the local
 * tables. This launcher builds the server from the same command-line options as the jar's own
 * main (ServerRunner.createServerFromCommandLineArgs), sets the host of its connectors before
 * start, and starts it. It does not configure the jar's telemetry, so none is sent.
 * If a future jar renames the private field, this fails loudly instead of listening everywhere.
 */
public final class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("dynamodb.local.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) throw new IllegalStateException("Unexpected connector " + connector.getClass().getName());
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    for (Connector connector : server.getConnectors()) {
      String bound = ((ServerConnector) connector).getHost();
      if (!host.equals(bound)) {
        System.err.println("DynamoDB Local listens on " + bound + ", not " + host + "; stopping");
        System.exit(1);
      }
    }
  }
}
