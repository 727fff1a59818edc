package io.polder.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.polder.gateway.QueryResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementSubstraitPlan;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Flight SQL over the governed query gateway. Statements and prepared statements are both served: a
 * statement's ticket and a prepared statement's handle carry the SQL itself (and the handle the result's
 * schema), so the endpoint keeps no state between calls. That is safe because every call is authenticated
 * again and every query is checked by the gateway, for the caller, when its rows are read: a handle or
 * ticket made up by a client is just another query. Parameters, updates, transactions and Substrait plans
 * are refused.
 */
final class GatewaySqlProducer<P> extends BasicFlightSqlProducer {
    private final FlightQueries<P> queries;
    private final FlightSettings settings;
    private final BufferAllocator allocator;
    private final FlightServerMiddleware.Key<BearerAuthentication.Authenticated<P>> authentication;
    private final SqlInfoBuilder sqlInfo;
    private final CatalogStreams<P> catalog;

    GatewaySqlProducer(FlightQueries<P> queries, FlightSettings settings, BufferAllocator allocator,
                       FlightServerMiddleware.Key<BearerAuthentication.Authenticated<P>> authentication) {
        this.queries = requireNonNull(queries, "queries is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.sqlInfo = sqlInfo();
        this.catalog = new CatalogStreams<>(queries, allocator);
    }

    private static SqlInfoBuilder sqlInfo() {
        String version = GatewaySqlProducer.class.getPackage().getImplementationVersion();
        String arrowVersion = Schema.class.getPackage().getImplementationVersion();
        return new SqlInfoBuilder()
                .withFlightSqlServerName("Polder query gateway")
                .withFlightSqlServerVersion(version == null ? "development" : version)
                .withFlightSqlServerArrowVersion(arrowVersion == null ? "unknown" : arrowVersion)
                .withFlightSqlServerReadOnly(true)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
                .withFlightSqlServerCancel(false)
                .withFlightSqlServerBulkIngestion(false)
                .withSqlTransactionsSupported(false)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
                .withSqlSchemaTerm("port")
                .withSqlCatalogTerm("catalog")
                .withSqlDdlCatalog(false)
                .withSqlDdlSchema(false)
                .withSqlDdlTable(false)
                .withSqlAllTablesAreSelectable(true)
                .withSqlSupportsColumnAliasing(true)
                .withSqlSupportsExpressionsInOrderBy(true)
                .withSqlBatchUpdatesSupported(false)
                .withSqlSavepointsSupported(false)
                .withSqlStoredProceduresSupported(false)
                .withSqlSelectForUpdateSupported(false)
                .withSqlMaxStatements(1);
    }

    private P principal(CallContext context) {
        return call(context).principal();
    }

    private BearerAuthentication.Authenticated<P> call(CallContext context) {
        BearerAuthentication.Authenticated<P> call = context.getMiddleware(authentication);
        if (call == null) {
            throw CallStatus.UNAUTHENTICATED.withDescription("the call carries no valid token").toRuntimeException();
        }
        return call;
    }

    private Schema describe(P principal, String sql) {
        try {
            return ArrowColumns.schema(queries.describe(principal, sql));
        } catch (RuntimeException e) {
            throw FlightErrors.of(e);
        }
    }

    // --- statements

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        Schema schema = describe(principal(context), command.getQuery());
        TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8(command.getQuery())).build();
        return info(schema, descriptor, ticket);
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        return new SchemaResult(describe(principal(context), command.getQuery()));
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        BearerAuthentication.Authenticated<P> call;
        try {
            call = call(context);
        } catch (FlightRuntimeException e) {
            listener.error(e);
            return;
        }
        stream(call, ticket.getStatementHandle().toStringUtf8(), listener);
    }

    // --- prepared statements (the JDBC driver runs every query as one)

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        try {
            if (request.hasTransactionId()) {
                throw CallStatus.INVALID_ARGUMENT.withDescription("the gateway has no transactions").toRuntimeException();
            }
            Schema schema = describe(principal(context), request.getQuery());
            ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(PreparedHandle.encode(schema, request.getQuery()))
                    .setDatasetSchema(ByteString.copyFrom(schema.serializeAsMessage()))
                    .setParameterSchema(ByteString.copyFrom(new Schema(List.of()).serializeAsMessage()))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.of(e));
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        listener.onCompleted(); // the handle holds everything; there is nothing to free
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                     FlightDescriptor descriptor) {
        principal(context);
        PreparedHandle handle = PreparedHandle.decode(command.getPreparedStatementHandle());
        return info(handle.schema(), descriptor, command);
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                   FlightDescriptor descriptor) {
        principal(context);
        return new SchemaResult(PreparedHandle.decode(command.getPreparedStatementHandle()).schema());
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        BearerAuthentication.Authenticated<P> call;
        PreparedHandle handle;
        try {
            call = call(context);
            handle = PreparedHandle.decode(command.getPreparedStatementHandle());
        } catch (FlightRuntimeException e) {
            listener.error(e);
            return;
        }
        stream(call, handle.sql(), listener);
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
                                                    FlightStream parameters, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                while (parameters.next()) {
                    if (parameters.getRoot().getRowCount() > 0 || !parameters.getRoot().getSchema().getFields().isEmpty()) {
                        throw CallStatus.INVALID_ARGUMENT.withDescription("the gateway takes no query parameters;"
                                + " write the values into the SQL").toRuntimeException();
                    }
                }
                ackStream.onCompleted();
            } catch (RuntimeException e) {
                ackStream.onError(FlightErrors.of(e));
            }
        };
    }

    // --- read-only: every kind of write is refused

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context, FlightStream stream,
                                       StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.readOnly());
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
                                                     FlightStream stream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.readOnly());
    }

    @Override
    public Runnable acceptPutStatementBulkIngest(CommandStatementIngest command, CallContext context, FlightStream stream,
                                                 StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.readOnly());
    }

    @Override
    public Runnable acceptPutSubstraitPlan(CommandStatementSubstraitPlan command, CallContext context, FlightStream stream,
                                           StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.readOnly());
    }

    // --- metadata

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public FlightInfo getFlightInfoTypeInfo(CommandGetXdbcTypeInfo command, CallContext context, FlightDescriptor descriptor) {
        throw CallStatus.UNIMPLEMENTED.withDescription("the gateway does not list its types (GetXdbcTypeInfo); a"
                + " result's columns carry their DuckDB type names").toRuntimeException();
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        catalog.catalogs(listener);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        catalog.schemas(principal(context), command, listener);
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        catalog.tables(principal(context), command, listener);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        catalog.tableTypes(listener);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
        catalog.empty(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener); // published snapshots declare no keys to the gateway
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
        catalog.empty(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
        catalog.empty(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
        catalog.empty(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
    }

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor descriptor, Schema schema) {
        return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
    }

    // ---

    private static FlightInfo info(Schema schema, FlightDescriptor descriptor, Message ticket) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))), -1, -1);
    }

    /**
     * Runs the query and streams its rows; a refusal (also one in the middle of the stream) ends it with its status.
     * The stream's last batch carries the result's summary as app_metadata ({@link ArrowBatchSink#finish}); a
     * result the row cap cut ends with RESOURCE_EXHAUSTED after its rows when the client asked for that.
     */
    private void stream(BearerAuthentication.Authenticated<P> call, String sql, ServerStreamListener listener) {
        try (BufferAllocator query = allocator.newChildAllocator("query", 0, settings.memoryLimit());
             ArrowBatchSink sink = new ArrowBatchSink(query, listener, settings)) {
            QueryResult result = queries.execute(call.principal(), sql, sink);
            sink.finish(result, allocator);
            if (result.truncated() && call.failWhenTruncated()) {
                listener.error(FlightErrors.truncated(result));
            } else {
                listener.completed();
            }
        } catch (IOException e) {
            listener.error(CallStatus.CANCELLED.withDescription(e.getMessage()).withCause(e).toRuntimeException());
        } catch (RuntimeException e) {
            listener.error(FlightErrors.of(e));
        }
    }

    /**
     * A prepared statement's handle: the result's schema and the SQL. What the client sends back is decoded,
     * never trusted: the SQL is checked again when it runs.
     */
    record PreparedHandle(Schema schema, String sql) {
        static ByteString encode(Schema schema, String sql) {
            byte[] schemaBytes = schema.serializeAsMessage();
            byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
            return ByteString.copyFrom(ByteBuffer.allocate(4 + schemaBytes.length + sqlBytes.length)
                    .putInt(schemaBytes.length).put(schemaBytes).put(sqlBytes).flip());
        }

        static PreparedHandle decode(ByteString handle) {
            ByteBuffer buffer = handle.asReadOnlyByteBuffer();
            try {
                int length = buffer.getInt();
                if (length < 0 || length > buffer.remaining()) {
                    throw new IllegalArgumentException("bad length");
                }
                ByteBuffer schemaBytes = buffer.slice(buffer.position(), length);
                buffer.position(buffer.position() + length);
                return new PreparedHandle(Schema.deserializeMessage(schemaBytes), StandardCharsets.UTF_8.decode(buffer).toString());
            } catch (RuntimeException e) {
                throw CallStatus.INVALID_ARGUMENT.withDescription("not a prepared statement handle of this endpoint")
                        .toRuntimeException();
            }
        }
    }
}
