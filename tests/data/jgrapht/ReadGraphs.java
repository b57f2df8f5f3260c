// Reads a GraphML or GEXF file with JGraphT's importers (GraphML validated
// against JGraphT's bundled schema) and prints, per file: nodes, edges, total edge weight, and the
// label of the node named in the second argument. Used by tests/test_viz_formats.py.
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultUndirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.nio.gexf.SimpleGEXFImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;

public class ReadGraphs {
    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        Graph<String, DefaultWeightedEdge> graph =
            new DefaultUndirectedWeightedGraph<>(DefaultWeightedEdge.class);
        Map<String, String> labels = new HashMap<>();
        if (args[0].endsWith(".graphml")) {
            GraphMLImporter<String, DefaultWeightedEdge> importer = new GraphMLImporter<>();
            importer.setSchemaValidation(true);
            importer.setVertexFactory(id -> id);
            importer.addVertexAttributeConsumer((pair, value) -> {
                if (pair.getSecond().equals("label")) {
                    labels.put(pair.getFirst(), value.getValue());
                }
            });
            importer.importGraph(graph, file);
        } else {
            SimpleGEXFImporter<String, DefaultWeightedEdge> importer =
                new SimpleGEXFImporter<>();
            // JGraphT's bundled gexf.xsd declares the viz elements in the GEXF
            // namespace, so it refuses Gephi's <viz:color>; the tests validate
            // GEXF with xmllint against the corrected schema instead.
            importer.setSchemaValidation(false);
            importer.setVertexFactory(id -> id);
            importer.addVertexAttributeConsumer((pair, value) -> {
                if (pair.getSecond().equals("label")) {
                    labels.put(pair.getFirst(), value.getValue());
                }
            });
            importer.importGraph(graph, file);
        }
        double weight = 0;
        for (DefaultWeightedEdge edge : graph.edgeSet()) {
            weight += graph.getEdgeWeight(edge);
        }
        System.out.println("nodes " + graph.vertexSet().size());
        System.out.println("edges " + graph.edgeSet().size());
        System.out.println("weight " + weight);
        System.out.println("label " + labels.get(args[1]));
    }
}
