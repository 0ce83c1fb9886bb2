/*
 * The swgraph guide and style, served by the dev server itself (an unmanaged extension mounted by Neo4jDev at
 * --guide-mount, by default /swgraph): GET <mount>/<path> returns the file <path> of the folder given as
 * --guide-dir (swgraph renders it before every start: guide/swgraph.html, guide/library.html, style.grass).
 * Nothing outside that folder is served; no authentication is needed (the folder holds no secrets).
 */
package swgraph.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.ws.rs.GET;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

@javax.ws.rs.Path("/")
public class SwgraphGuide {
    public static final String DIR_PROPERTY = "swgraph.guide.dir";

    @GET
    @javax.ws.rs.Path("{file: .+}")
    public Response get(@PathParam("file") String file) throws IOException {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            return cors(Response.status(Response.Status.NOT_FOUND)).build();
        }
        Path root = Path.of(dir).toAbsolutePath().normalize();
        Path path = root.resolve(file).normalize();
        if (!path.startsWith(root) || !Files.isRegularFile(path)) {
            return cors(Response.status(Response.Status.NOT_FOUND)).build();
        }
        String name = path.getFileName().toString();
        String type = name.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        return cors(Response.ok(Files.readAllBytes(path), type)).header("Cache-Control", "no-cache").build();
    }

    @OPTIONS
    @javax.ws.rs.Path("{file: .*}")
    public Response preflight() {
        return cors(Response.noContent()).build();
    }

    static Response.ResponseBuilder cors(Response.ResponseBuilder builder) {
        return builder.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
                .header("Access-Control-Allow-Headers", "*");
    }
}
