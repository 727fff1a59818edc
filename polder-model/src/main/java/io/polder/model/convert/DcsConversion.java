package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a Data Contract Specification document into an ODCS v3.1.0 contract: {@code info} becomes the
 * fundamentals, team and support channels, {@code terms} the description (and price), servers, models and
 * service levels their ODCS counterparts, {@code links} authoritative definitions. Whatever has no ODCS
 * place is kept as a custom property (named by its DCS path) and reported as a warning.
 */
final class DcsConversion {
    // "5000 USD per month", "1.50 EUR / request": an amount, an ISO currency and a unit.
    private static final Pattern PRICE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Z]{3})\\s*(?:per|/)\\s*(\\S.*?)\\s*$");

    private final ConversionLog log;

    DcsConversion(ConversionLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    Map<String, Object> convert(MapNode root) {
        SourceObject source = new SourceObject(root, log);
        source.place("dataContractSpecification");
        List<Map<String, Object>> custom = new ArrayList<>();
        Map<String, Object> contract = Plain.map();
        contract.put("apiVersion", OdcsUpgrade.TARGET_API_VERSION);
        contract.put("kind", "DataContract");
        Plain.put(contract, "id", required(source, "id", "an id"));
        Info info = info(source, custom);
        Plain.put(contract, "name", info.name());
        Plain.put(contract, "version", info.version());
        contract.put("status", info.status());
        Plain.put(contract, "tags", source.texts("tags"));
        Terms terms = terms(source, info.purpose());
        Plain.put(contract, "description", terms.description());
        List<String> serverTypes = serverTypes(source.node().get("servers"));
        putOrLeave(source, "servers", contract, "servers", new DcsServers(log).convert(source.take("servers")));
        List<Map<String, Object>> schema = schema(source, contract, serverTypes);
        Plain.put(contract, "price", terms.price());
        Plain.put(contract, "team", info.team());
        Plain.put(contract, "support", info.support());
        Plain.put(contract, "slaProperties", serviceLevels(source, custom));
        Plain.put(contract, "authoritativeDefinitions", DcsFields.links(source));
        legacyQuality(source, schema);
        if (source.has("definitions")) {
            source.leave("definitions", "ODCS has no definitions (they are inlined where a field refers to them)");
        }
        custom.addAll(0, source.leftovers(""));
        Plain.addCustomProperties(contract, custom);
        return contract;
    }

    private String required(SourceObject source, String key, String what) {
        String value = source.text(key);
        if (value == null && !source.has(key)) {
            log.error(source.node(), "missing `" + key + "`: an ODCS contract requires " + what);
        } else if (value == null) {
            log.errorAtKey(source.node(), key, "`" + key + "` is not text: an ODCS contract requires " + what);
        }
        return value;
    }

    /** Puts a converted DCS block, or leaves the block for the custom properties when it could not be read. */
    private static void putOrLeave(SourceObject source, String key, Map<String, Object> contract, String target,
            Object converted) {
        if (converted != null) {
            contract.put(target, converted);
        } else if (source.has(key)) {
            source.leave(key, "`" + key + "` is not a map");
        }
    }

    private record Info(String name, String version, String status, String purpose, Map<String, Object> team,
            List<Map<String, Object>> support) {
    }

    private Info info(SourceObject root, List<Map<String, Object>> custom) {
        Node node = root.take("info");
        if (node == null) {
            log.error(root.node(), "missing `info`: an ODCS contract requires a version (DCS info.version)");
            return new Info(null, null, defaultStatus(root.node()), null, null, null);
        }
        SourceObject info = SourceObject.of(node, log);
        String name = info.text("title");
        String version = required(info, "version", "a version");
        String status = info.text("status");
        String purpose = info.text("description");
        Map<String, Object> team = team(info.text("owner"));
        List<Map<String, Object>> support = support(info, custom);
        custom.addAll(info.leftovers("info."));
        return new Info(name, version, status != null ? status : defaultStatus(info.node()), purpose, team, support);
    }

    private String defaultStatus(Node at) {
        log.warning(at, "no `status`: an ODCS contract requires one; written as `draft`");
        return "draft";
    }

    /** The DCS owner is the ODCS team (by name). */
    private static Map<String, Object> team(String owner) {
        if (owner == null) {
            return null;
        }
        Map<String, Object> team = Plain.map();
        team.put("name", owner);
        return team;
    }

    /** The DCS contact as support channels: one for its email, one for its URL, named after the contact. */
    private List<Map<String, Object>> support(SourceObject info, List<Map<String, Object>> custom) {
        if (!(info.node().get("contact") instanceof MapNode contactNode)) {
            return null;
        }
        info.place("contact");
        SourceObject contact = new SourceObject(contactNode, log);
        String name = contact.text("name");
        String email = contact.text("email");
        String url = contact.text("url");
        List<Map<String, Object>> support = new ArrayList<>();
        if (email != null) {
            support.add(channel(name != null ? name : email, "email", "mailto:" + email));
        }
        if (url != null) {
            support.add(channel(name != null ? name : url, null, url));
        }
        if (support.isEmpty() && name != null) {
            support.add(channel(name, null, null));
        }
        custom.addAll(contact.leftovers("info.contact."));
        return support;
    }

    private static Map<String, Object> channel(String channel, String tool, String url) {
        Map<String, Object> item = Plain.map();
        item.put("channel", channel);
        Plain.put(item, "url", url);
        Plain.put(item, "tool", tool);
        return item;
    }

    private record Terms(Map<String, Object> description, Map<String, Object> price) {
    }

    /** Terms of use as the description (purpose from info, usage, limitations, policies) and price. */
    private Terms terms(SourceObject root, String purpose) {
        Map<String, Object> description = Plain.map();
        Plain.put(description, "purpose", purpose);
        if (!(root.node().get("terms") instanceof MapNode termsNode)) {
            return new Terms(description.isEmpty() ? null : description, null);
        }
        root.place("terms");
        SourceObject terms = new SourceObject(termsNode, log);
        Plain.put(description, "usage", terms.text("usage"));
        Plain.put(description, "limitations", terms.text("limitations"));
        Plain.put(description, "authoritativeDefinitions", policies(terms));
        Map<String, Object> price = price(terms);
        Plain.addCustomProperties(description, terms.leftovers(""));
        return new Terms(description.isEmpty() ? null : description, price);
    }

    /**
     * Policies with a URL are authoritative definitions of the policy's type (or name); when one of them
     * is not, all policies are kept together as a custom property.
     */
    private List<Object> policies(SourceObject terms) {
        if (!(terms.node().get("policies") instanceof ListNode list)) {
            return null;
        }
        List<Object> definitions = new ArrayList<>();
        for (Node item : list.items()) {
            if (!(item instanceof MapNode policyNode)) {
                return null;
            }
            SourceObject policy = new SourceObject(policyNode, log);
            String url = policy.text("url");
            String type = policy.has("type") ? policy.text("type") : policy.text("name");
            Map<String, Object> definition = Plain.map();
            definition.put("type", type);
            definition.put("url", url);
            Plain.put(definition, "description", policy.text("description"));
            if (url == null || type == null || !policy.allPlaced()) {
                return null;
            }
            definitions.add(definition);
        }
        terms.place("policies");
        return definitions;
    }

    /** Billing such as "5000 USD per month" is ODCS's price; other billing text stays custom. */
    private static Map<String, Object> price(SourceObject terms) {
        if (!(terms.node().get("billing") instanceof ScalarNode billing && billing.value() instanceof String text)) {
            return null;
        }
        Matcher matcher = PRICE.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        terms.place("billing");
        Map<String, Object> price = Plain.map();
        price.put("priceAmount", Quantities.number(matcher.group(1)));
        price.put("priceCurrency", matcher.group(2));
        price.put("priceUnit", matcher.group(3));
        return price;
    }

    private List<Map<String, Object>> schema(SourceObject source, Map<String, Object> contract,
            List<String> serverTypes) {
        Node models = source.take("models");
        if (models == null) {
            return List.of();
        }
        DcsDefinitions definitions = new DcsDefinitions(source.node().get("definitions"), log);
        DcsFields fields = new DcsFields(log, definitions, serverTypes);
        List<Map<String, Object>> schema = new DcsModels(log, fields).convert(models);
        putOrLeave(source, "models", contract, "schema", schema);
        return schema == null ? List.of() : schema;
    }

    private static List<String> serverTypes(Node servers) {
        List<String> types = new ArrayList<>();
        if (servers instanceof MapNode byName) {
            for (MapNode.Entry server : byName.entries().values()) {
                if (server.value() instanceof MapNode map && map.get("type") instanceof ScalarNode type
                        && type.value() instanceof String name && !types.contains(name)) {
                    types.add(name);
                }
            }
        }
        return types;
    }

    private List<Object> serviceLevels(SourceObject source, List<Map<String, Object>> custom) {
        if (!(source.node().get("servicelevels") instanceof MapNode levels)) {
            return null;
        }
        source.place("servicelevels");
        DcsServiceLevels converted = new DcsServiceLevels(log);
        converted.convert(levels);
        custom.addAll(converted.custom());
        return new ArrayList<>(converted.slaProperties());
    }

    /**
     * DCS 0.9 kept quality at the top ({@code type: SodaCL} with {@code checks for <model>}); ODCS keeps it
     * per object, so each model's checks become a custom rule of that schema object.
     */
    private void legacyQuality(SourceObject source, List<Map<String, Object>> schema) {
        if (!(source.node().get("quality") instanceof MapNode quality)
                || !(quality.get("type") instanceof ScalarNode type && type.value() instanceof String engine)
                || !(quality.get("specification") instanceof MapNode checks) || quality.entries().size() != 2) {
            return;
        }
        Map<String, Map<String, Object>> objects = new java.util.HashMap<>();
        schema.forEach(object -> objects.put((String) object.get("name"), object));
        for (String key : checks.entries().keySet()) {
            if (!key.startsWith("checks for ") || !objects.containsKey(key.substring("checks for ".length()))) {
                return;
            }
        }
        checks.entries().forEach((key, entry) -> addRule(objects.get(key.substring("checks for ".length())),
                customRule(engine, key, entry.value())));
        source.place("quality");
    }

    private static Map<String, Object> customRule(String engine, String key, Node checks) {
        Map<String, Object> rule = Plain.map();
        rule.put("type", "custom");
        rule.put("engine", engine.equalsIgnoreCase("SodaCL") ? "soda" : engine);
        Map<String, Object> implementation = Plain.map();
        implementation.put(key, checks.toPlain());
        rule.put("implementation", implementation);
        return rule;
    }

    @SuppressWarnings("unchecked")
    private static void addRule(Map<String, Object> object, Map<String, Object> rule) {
        ((List<Object>) object.computeIfAbsent("quality", key -> new ArrayList<>())).add(rule);
    }
}
