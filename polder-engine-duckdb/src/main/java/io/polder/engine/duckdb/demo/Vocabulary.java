package io.polder.engine.duckdb.demo;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The words the generator draws names, places and products from (ASCII, so that emails stay simple). */
final class Vocabulary {
    static final List<String> FIRST_NAMES = List.of("Anna", "Bram", "Chloe", "Daan", "Emma", "Finn", "Greta", "Hugo",
            "Ines", "Jonas", "Karin", "Lars", "Maria", "Noah", "Olga", "Pieter", "Quinn", "Rosa", "Sven", "Tess", "Ulla",
            "Victor", "Wim", "Xenia", "Yara", "Zofia", "Lena", "Omar", "Priya", "Chen", "Sofia", "Mateo", "Yuki",
            "Fatima", "Amara", "Jan", "Eva", "Luca", "Mila", "Sara");
    static final List<String> LAST_NAMES = List.of("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meyer", "Schmidt",
            "Dubois", "Martin", "Nilsson", "Larsen", "Kowalski", "Nowak", "Smith", "Jones", "Peeters", "Maes", "Weber",
            "Fischer", "Moreau", "Laurent", "Berg", "Lindqvist", "Hansen", "Wojcik", "Taylor", "Brown", "Claes", "Wagner",
            "Becker", "Garcia", "Rossi", "Okafor", "Patel", "Haddad", "Nwosu", "Tanaka", "Diaz", "Wei", "Fischer");
    static final List<String> COUNTRIES = List.of("NL", "BE", "DE", "FR", "SE", "DK", "PL", "GB");
    /** Shares of customers per country, in percent, in the order of {@link #COUNTRIES}. */
    static final int[] COUNTRY_SHARES = {35, 12, 18, 10, 8, 5, 7, 5};
    static final Map<String, String> CURRENCIES = Map.of("NL", "EUR", "BE", "EUR", "DE", "EUR", "FR", "EUR",
            "SE", "SEK", "DK", "DKK", "PL", "PLN", "GB", "GBP");
    static final Map<String, List<String>> CITIES = Map.of(
            "NL", List.of("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen"),
            "BE", List.of("Antwerpen", "Gent", "Brussel", "Leuven"),
            "DE", List.of("Berlin", "Hamburg", "Koeln", "Muenchen", "Leipzig"),
            "FR", List.of("Paris", "Lyon", "Lille", "Nantes"),
            "SE", List.of("Stockholm", "Goteborg", "Malmo"),
            "DK", List.of("Kobenhavn", "Aarhus", "Odense"),
            "PL", List.of("Warszawa", "Krakow", "Gdansk"),
            "GB", List.of("London", "Manchester", "Bristol"));
    static final List<String> STREETS = List.of("Main Street", "Station Road", "Church Lane", "Market Square",
            "Park Avenue", "Harbour Way", "Mill Road", "Garden Street", "Canal Side", "Oak Lane");
    /** Carriers per country: the first is the usual one. */
    static final Map<String, List<String>> CARRIERS = Map.of("NL", List.of("postnl", "dhl"), "BE", List.of("dpd", "postnl"),
            "DE", List.of("dhl", "dpd"), "FR", List.of("dpd", "ups"), "SE", List.of("bring", "dhl"),
            "DK", List.of("bring", "dpd"), "PL", List.of("dpd", "dhl"), "GB", List.of("ups", "dpd"));
    static final List<String> WAREHOUSES = List.of("WH-AMS", "WH-RTM", "WH-DUS", "WH-WAW");
    static final List<String> ADJECTIVES = List.of("Oak", "Pine", "Linen", "Velvet", "Steel", "Glass", "Walnut",
            "Cotton", "Ceramic", "Bamboo", "Wool", "Marble");
    static final List<String> NOUNS = List.of("side table", "lamp", "cushion", "chair", "shelf", "rug", "vase",
            "mirror", "stool", "blanket", "bench", "cabinet", "desk", "basket", "planter");

    private Vocabulary() {
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String country(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < COUNTRIES.size(); i++) {
            roll -= COUNTRY_SHARES[i];
            if (roll < 0) {
                return COUNTRIES.get(i);
            }
        }
        return COUNTRIES.getFirst();
    }
}
