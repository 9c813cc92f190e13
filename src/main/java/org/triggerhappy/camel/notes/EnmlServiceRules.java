package org.triggerhappy.camel.notes;

import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** What Evernote checks beyond the DTD, and what a DTD-valid document could use to dodge the DTD itself. */
final class EnmlServiceRules {

    private EnmlServiceRules() {
    }

    static void check(Document doc, List<String> problems) {
        checkDoctype(doc.getDoctype(), problems);
        // Iterative walk: hostile nesting depth must not overflow the stack.
        for (Node current = doc.getFirstChild(); current != null; current = next(current, doc)) {
            if (current.getNodeType() == Node.COMMENT_NODE) {
                problems.add("Illegal to contain comments in ENML"); // the service's message
            } else if (current.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                problems.add("Illegal to contain processing instructions in ENML");
            } else if (current.getNodeType() == Node.ELEMENT_NODE) {
                Element element = (Element) current;
                if ("a".equals(element.getTagName()) && element.hasAttribute("href")
                        && !UrlPolicy.isAbsoluteLink(element.getAttribute("href"))) {
                    problems.add("Invalid a href attribute:" + element.getAttribute("href")); // the service's message
                }
            }
        }
    }

    // Another DTD or an internal subset would let anything "validate".
    private static void checkDoctype(DocumentType doctype, List<String> problems) {
        if (doctype == null || !"en-note".equals(doctype.getName())
                || !EnmlValidator.ENML_SYSTEM_ID.equals(doctype.getSystemId())) {
            problems.add("The DOCTYPE must be <!DOCTYPE en-note SYSTEM \"" + EnmlValidator.ENML_SYSTEM_ID + "\">");
        } else if (doctype.getInternalSubset() != null && !doctype.getInternalSubset().isBlank()) {
            problems.add("The DOCTYPE must not have an internal subset");
        }
    }

    private static Node next(Node current, Node root) {
        if (current.getFirstChild() != null) {
            return current.getFirstChild();
        }
        for (Node n = current; n != null && n != root; n = n.getParentNode()) {
            if (n.getNextSibling() != null) {
                return n.getNextSibling();
            }
        }
        return null;
    }
}
