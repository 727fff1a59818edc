package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * {@code polder get product ID} as tables: the product, then its versions, ports and contracts; and
 * {@code polder get contract ID}: the contract, then its versions with the file each was read from.
 */
final class ProductDetailPrinter {
    private ProductDetailPrinter() {
    }

    static void print(JsonNode detail, PrintWriter out) {
        Table product = GetCommand.Kind.products.table();
        GetCommand.Kind.products.addRow(product, detail.path("product"));
        product.print(out);
        section(out, "Versions", detail.path("versions"), versions(detail.path("versions")));
        section(out, "Ports", detail.path("ports"), ports(detail.path("ports")));
        section(out, "Contracts", detail.path("contracts"), contracts(detail.path("contracts")));
        out.flush();
    }

    static void printContract(JsonNode detail, PrintWriter out) {
        Table contract = GetCommand.Kind.contracts.table();
        GetCommand.Kind.contracts.addRow(contract, detail.path("contract"));
        contract.print(out);
        Table versions = new Table("VERSION", "FILE", "PUBLISHED", "BY").whole("FILE");
        detail.path("versions").forEach(version -> versions.row(Listing.text(version, "version"),
                Listing.text(version, "sourcePath"), Times.field(version, "createdAt"), Listing.text(version, "createdBy")));
        section(out, "Versions", detail.path("versions"), versions);
        out.flush();
    }

    private static void section(PrintWriter out, String title, JsonNode items, Table table) {
        out.println();
        if (items.isEmpty()) {
            out.println(title + ": none");
            return;
        }
        out.println(title + ":");
        table.print(out);
    }

    private static Table versions(JsonNode versions) {
        Table table = new Table("VERSION", "DECLARED STATUS", "REVISION", "PUBLISHED", "BY");
        versions.forEach(version -> table.row(Listing.text(version, "version"), Listing.text(version, "declaredStatus"),
                Listing.text(version, "revision"), Times.field(version, "createdAt"), Listing.text(version, "createdBy")));
        return table;
    }

    private static Table ports(JsonNode ports) {
        Table table = new Table("DIRECTION", "NAME", "VERSION", "TYPE", "CONTRACT");
        ports.forEach(port -> table.row(Listing.text(port, "direction"), Listing.text(port, "name"),
                Listing.text(port, "version"), Listing.text(port, "type"), Listing.text(port, "contractId")));
        return table;
    }

    private static Table contracts(JsonNode contracts) {
        Table table = new Table("ID", "NAME", "VERSION", "STATUS");
        contracts.forEach(contract -> table.row(Listing.text(contract, "id"), Listing.text(contract, "name"),
                Listing.text(contract, "currentVersion"), Listing.text(contract, "status")));
        return table;
    }
}
