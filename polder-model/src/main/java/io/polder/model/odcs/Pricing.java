package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * ODCS price: what a subscription costs per unit of measure ({@code priceUnit}, e.g. megabyte).
 *
 * @param extra fields beyond the standard, which the v3.0 schema allows here; null when there are none
 */
public record Pricing(String id, Number priceAmount, String priceCurrency, String priceUnit,
                      @JsonIgnore Map<String, Object> extra) {
    public Pricing {
        extra = PlainValues.copyMap(extra);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    static Pricing bind(OdcsFields f) {
        return new Pricing(f.stableId(), f.number("priceAmount"), f.string("priceCurrency"), f.string("priceUnit"),
                f.closeInV31());
    }
}
