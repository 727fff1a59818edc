package io.polder.spi.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.exceptions.BuildDefinitionException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductSettingsReaderTest {
    @Test
    void readsEveryPart() {
        ProductSettings settings = ProductSettingsReader.parse("""
                apiVersion: polder/v1
                kind: ProductSettings
                engine: duckdb
                schedule:
                  cron: "5 * * * *"
                  onUpstreamPublish: true
                retention:
                  keepLast: 10
                  maxAge: 30d
                sources:
                  - name: orders
                    description: The export.
                    format: csv
                    path: sales/orders*.csv
                    csv: {delimiter: ';', header: true, nullString: 'NULL', dateFormat: '%d/%m/%Y'}
                    columns:
                      order_id: BIGINT
                      amount: DECIMAL(12,2)
                  - name: crm
                    format: jdbc
                    url: jdbc:postgresql://db:5432/crm
                    table: public.customers
                    user: reader
                    passwordSecret: CRM_PASSWORD
                """, "polder.yaml");

        assertThat(settings.engine()).isEqualTo("duckdb");
        assertThat(settings.schedule()).isEqualTo(new Schedule("5 * * * *", true));
        assertThat(settings.retention()).isEqualTo(new RetentionPolicy(10, Duration.ofDays(30)));
        FileSource orders = (FileSource) settings.source("orders").orElseThrow();
        assertThat(orders.format()).isEqualTo(SourceFormat.CSV);
        assertThat(orders.csv().delimiter()).isEqualTo(";");
        assertThat(orders.columns()).containsExactly(new SourceColumn("order_id", "BIGINT"),
                new SourceColumn("amount", "DECIMAL(12,2)"));
        JdbcSource crm = (JdbcSource) settings.source("crm").orElseThrow();
        assertThat(crm.passwordSecret()).isEqualTo("CRM_PASSWORD");
        assertThat(crm.format()).isEqualTo(SourceFormat.JDBC);
    }

    @Test
    void everyPartIsOptional() {
        ProductSettings settings = ProductSettingsReader.parse("apiVersion: polder/v1\nkind: ProductSettings\n", "polder.yaml");

        assertThat(settings.sources()).isEmpty();
        assertThat(settings.retention().keepsEverything()).isTrue();
        assertThat(settings.schedule()).isNull();
    }

    @Test
    void aMissingFileGivesTheDefaults(@TempDir Path directory) {
        assertThat(ProductSettingsReader.readIfPresent(directory.resolve("polder.yaml"), "polder.yaml"))
                .isEqualTo(ProductSettings.defaults());
    }

    @Test
    void reportsEveryProblemWithItsLineAndColumn() {
        assertThatThrownBy(() -> ProductSettingsReader.parse("""
                apiVersion: polder/v2
                kind: ProductSettings
                schedule:
                  cron: every hour
                retention:
                  keepLast: 0
                  maxAge: soon
                sources:
                  - name: Orders
                    format: excel
                    path: x.xlsx
                  - name: crm
                    format: jdbc
                    url: postgres://db/crm
                  - name: feed
                    format: json
                    path: feed.json
                    csv: {header: true}
                  - name: feed
                    format: parquet
                    path: feed.parquet
                    colums: {a: INT}
                """, "p/polder.yaml"))
                .isInstanceOf(BuildDefinitionException.class)
                .satisfies(e -> assertThat(((BuildDefinitionException) e).code()).isEqualTo(ErrorCode.INVALID_DOCUMENT))
                .hasMessageContaining("p/polder.yaml:1:13: `apiVersion` must be polder/v1")
                .hasMessageContaining("p/polder.yaml:4:9: `cron` must have five fields")
                .hasMessageContaining("`keepLast` must be at least 1")
                .hasMessageContaining("`maxAge` must be a positive duration")
                .hasMessageContaining("`name` must be a lowercase SQL name")
                .hasMessageContaining("`format` must be one of csv, json, parquet, jdbc")
                .hasMessageContaining("names either a `table` or a `query`")
                .hasMessageContaining("`csv` options belong to sources of format csv")
                .hasMessageContaining("two sources are called `feed`")
                .hasMessageContaining("unknown field `colums`");
    }

    @Test
    void readsTheAutoApprovalsOfTheAccessSection() {
        ProductSettings settings = ProductSettingsReader.parse("""
                apiVersion: polder/v1
                kind: ProductSettings
                access:
                  autoApprove:
                    - port: orders
                      teams: [sales-analytics-team, finance-controlling-team]
                      maxDays: 365
                    - port: order-lines
                      productConsumers: true
                """, "polder.yaml");
        assertThat(settings.access().autoApprove()).hasSize(2);
        AutoApproval orders = settings.access().forPort("orders").orElseThrow();
        assertThat(orders.teams()).containsExactly("sales-analytics-team", "finance-controlling-team");
        assertThat(orders.productConsumers()).isFalse();
        assertThat(orders.maxDays()).isEqualTo(365);
        assertThat(orders.position().line()).isEqualTo(5);
        AutoApproval lines = settings.access().forPort("order-lines").orElseThrow();
        assertThat(lines.teams()).isEmpty();
        assertThat(lines.productConsumers()).isTrue();
        assertThat(lines.maxDays()).isNull();
        assertThat(ProductSettingsReader.parse("apiVersion: polder/v1\nkind: ProductSettings\n", "polder.yaml")
                .access().autoApprove()).isEmpty();
    }

    @Test
    void aBadAccessSectionIsRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> ProductSettingsReader.parse("""
                apiVersion: polder/v1
                kind: ProductSettings
                access:
                  autoApprove:
                    - port: orders
                    - port: "orders; drop"
                      teams: [Sales Team]
                    - port: orders
                      teams: [a-team]
                      maxDays: 1000
                      unmask: [email]
                  approvers: [dana]
                """, "p/polder.yaml"))
                .isInstanceOf(BuildDefinitionException.class)
                .hasMessageContaining("p/polder.yaml:5:7: an autoApprove entry names the `teams`")
                .hasMessageContaining("p/polder.yaml:6:13: `port` must be the name of an output port")
                .hasMessageContaining("p/polder.yaml:7:14: `Sales Team` is not a team id")
                .hasMessageContaining("port `orders` has two autoApprove entries")
                .hasMessageContaining("p/polder.yaml:10:16: `maxDays` must be at most 730")
                .hasMessageContaining("p/polder.yaml:11:7: unknown field `unmask`")
                .hasMessageContaining("p/polder.yaml:12:3: unknown field `approvers`");
    }
}
