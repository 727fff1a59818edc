package io.polder.governance;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.values.NullValue;
import io.polder.model.bind.StandardEnum;
import io.polder.model.odcs.ComparisonOperator;
import io.polder.model.odcs.QualityRule;
import io.polder.model.odcs.OdcsVersion;
import io.polder.model.odcs.Server;
import io.polder.model.odcs.ServerField;
import io.polder.model.odcs.ServerType;
import io.polder.model.odps.ProductTeam;
import io.polder.model.odps.Team;
import io.polder.model.odps.TeamMemberList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * CEL types and CEL values for Polder's records, derived from the records by one set of rules so that the
 * type checker and the runtime cannot disagree. A record is a CEL struct whose fields are its components,
 * named as the standard (and so the written document) names them; an absent field (null) is absent, so
 * {@code has(product.description)} is how a policy asks for it. Strings, integers (as CEL int), booleans,
 * doubles and standard enums (as their spelling) map to CEL's own types; free-form JSON values are
 * {@code dyn}. Built once, then read-only, so it is safe to share between threads.
 */
final class CelModel {
    /**
     * Fields written through {@code @JsonAnyGetter} that policies may name, as dyn: the operators of a quality
     * rule, the type-specific fields of a server (host, port, database, ... of every server type).
     */
    private static final Map<Class<?>, List<String>> EXTRA_FIELDS = Map.of(
            QualityRule.class, Arrays.stream(ComparisonOperator.values()).map(ComparisonOperator::value).toList(),
            Server.class, Arrays.stream(ServerType.values())
                    .flatMap(type -> Arrays.stream(OdcsVersion.values()).flatMap(version -> type.fields(version).stream()))
                    .map(ServerField::name).distinct().sorted().toList());

    private final Map<Class<?>, Shape> shapes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, StructType> structs = new LinkedHashMap<>();

    CelModel(List<Class<?>> roots) {
        roots.forEach(this::shape);
    }

    /** The struct type of a record class given to the constructor (or reachable from one). */
    CelType type(Class<?> recordClass) {
        return structs.get(structName(recordClass));
    }

    CelTypeProvider typeProvider() {
        ImmutableList<CelType> all = ImmutableList.copyOf(structs.values());
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return all;
            }

            @Override
            public Optional<CelType> findType(String name) {
                return Optional.ofNullable(structs.get(name));
            }
        };
    }

    /** The CEL value of a record (a struct whose fields are converted when read); null stays null. */
    RecordValue value(Object record) {
        if (record == null) {
            return null;
        }
        return new RecordValue(shape(record.getClass()), record);
    }

    /** A struct of {@code recordClass} with every field absent: what an output port without a contract sees. */
    RecordValue empty(Class<?> recordClass) {
        return new RecordValue(shape(recordClass), null);
    }

    // ---- shapes: one per record class, with a CEL type and a converter per field

    /** How one field of a record becomes CEL: its name as written, how to read it, its type and its value. */
    record Field(String name, MethodHandle accessor, CelType type, Function<Object, Object> converter,
                 boolean nullIsValue) {
    }

    /** A record class as CEL sees it. */
    static final class Shape {
        final List<Field> fields = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        MethodHandle anyGetter;
        StructType type;
    }

    private Shape shape(Class<?> recordClass) {
        Shape existing = shapes.get(recordClass);
        if (existing != null) {
            return existing;
        }
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException("not a record known to the policy engine: " + recordClass);
        }
        Shape shape = new Shape();
        List<RecordComponent> components = Arrays.stream(recordClass.getRecordComponents())
                .filter(component -> !annotated(component, JsonIgnore.class)).toList();
        Map<String, CelType> fieldTypes = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        components.forEach(component -> names.add(jsonName(component)));
        names.addAll(EXTRA_FIELDS.getOrDefault(recordClass, List.of()));
        // registered before its fields are mapped, because records nest themselves (a property's properties)
        shapes.put(recordClass, shape);
        shape.type = StructType.create(structName(recordClass), ImmutableSet.copyOf(names),
                name -> Optional.ofNullable(fieldTypes.get(name)));
        structs.put(structName(recordClass), shape.type);
        for (RecordComponent component : components) {
            Mapping mapping = mapping(component.getGenericType());
            JsonInclude include = annotation(component, JsonInclude.class);
            boolean nullIsValue = include != null && include.value() == JsonInclude.Include.ALWAYS;
            shape.index.put(jsonName(component), shape.fields.size());
            shape.fields.add(new Field(jsonName(component), handle(component.getAccessor()), mapping.type(),
                    mapping.converter(), nullIsValue));
            fieldTypes.put(jsonName(component), mapping.type());
        }
        EXTRA_FIELDS.getOrDefault(recordClass, List.of()).forEach(name -> fieldTypes.put(name, SimpleType.DYN));
        shape.anyGetter = anyGetter(recordClass);
        return shape;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = annotation(component, JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    /** The CEL type of a Java type, and how to turn its values into CEL values. */
    private record Mapping(CelType type, Function<Object, Object> converter) {
    }

    private Mapping mapping(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            Mapping element = mapping(parameterized.getActualTypeArguments()[0]);
            return new Mapping(ListType.create(element.type()), value -> list((List<?>) value, element.converter()));
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            Mapping element = mapping(parameterized.getActualTypeArguments()[1]);
            return new Mapping(MapType.create(SimpleType.STRING, element.type()),
                    value -> map((Map<?, ?>) value, element.converter()));
        }
        if (!(type instanceof Class<?> javaClass)) {
            throw new IllegalStateException("no CEL type for " + type);
        }
        return mapping(javaClass);
    }

    private Mapping mapping(Class<?> javaClass) {
        if (javaClass == String.class) {
            return new Mapping(SimpleType.STRING, Function.identity());
        }
        if (javaClass == Long.class || javaClass == long.class || javaClass == Integer.class || javaClass == int.class) {
            return new Mapping(SimpleType.INT, value -> ((Number) value).longValue());
        }
        if (javaClass == Boolean.class || javaClass == boolean.class) {
            return new Mapping(SimpleType.BOOL, Function.identity());
        }
        if (javaClass == Double.class || javaClass == double.class) {
            return new Mapping(SimpleType.DOUBLE, Function.identity());
        }
        if (javaClass == Object.class || javaClass == Number.class) {
            return new Mapping(SimpleType.DYN, CelModel::plain);
        }
        if (javaClass.isEnum()) {
            return new Mapping(SimpleType.STRING, CelModel::enumValue);
        }
        if (javaClass == ProductTeam.class) {
            return new Mapping(structType(Team.class), this::productTeam);
        }
        if (javaClass == io.polder.model.odcs.Team.class) {
            Class<?> object = io.polder.model.odcs.Team.TeamObject.class;
            return new Mapping(structType(object), this::contractTeam);
        }
        if (javaClass.isSealed()) {
            // a value typed by another field (logicalTypeOptions): a map whose keys depend on the variant
            for (Class<?> variant : javaClass.getPermittedSubclasses()) {
                shape(variant);
            }
            return new Mapping(MapType.create(SimpleType.STRING, SimpleType.DYN), this::variant);
        }
        if (javaClass.isRecord() && jsonValue(javaClass) != null) {
            MethodHandle writtenAs = handle(jsonValue(javaClass));
            return new Mapping(SimpleType.DYN, value -> plain(invoke(writtenAs, value)));
        }
        if (javaClass.isRecord()) {
            Shape shape = shape(javaClass);
            return new Mapping(structType(javaClass), value -> new RecordValue(shape, value));
        }
        throw new IllegalStateException("no CEL type for " + javaClass.getName());
    }

    private CelType structType(Class<?> recordClass) {
        shape(recordClass);
        return structs.get(structName(recordClass));
    }

    /** ODPS v0.9.0 writes the team as a bare list of members: CEL sees the v1.0.0 object with only members. */
    private Object productTeam(Object team) {
        if (team instanceof TeamMemberList list) {
            return value(new Team(null, null, list.members(), null, null, null));
        }
        return value(team);
    }

    /** ODCS v3.0 writes the team as a list of members: CEL sees the v3.1 object with only members. */
    private Object contractTeam(Object team) {
        if (team instanceof io.polder.model.odcs.Team.MemberList list) {
            return value(new io.polder.model.odcs.Team.TeamObject(null, null, null, list.members(), null, null, null));
        }
        return value(team);
    }

    private Object variant(Object value) {
        Method writtenAs = jsonValue(value.getClass());
        return writtenAs != null ? plain(invoke(handle(writtenAs), value)) : value(value);
    }

    // ---- values

    /** A free-form JSON value as CEL wants it: int as long, big numbers as double, nulls as CEL null. */
    static Object plain(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case Integer integer -> integer.longValue();
            case Short number -> number.longValue();
            case Float number -> number.doubleValue();
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
            case BigDecimal decimal -> decimal.doubleValue();
            case Map<?, ?> map -> map(map, CelModel::plain);
            case List<?> list -> list(list, CelModel::plain);
            case Enum<?> constant -> enumValue(constant);
            default -> value;
        };
    }

    private static Object enumValue(Object constant) {
        return constant instanceof StandardEnum standard ? standard.value() : ((Enum<?>) constant).name();
    }

    private static List<Object> list(List<?> list, Function<Object, Object> converter) {
        List<Object> converted = new ArrayList<>(list.size());
        for (Object item : list) {
            converted.add(item == null ? NullValue.NULL_VALUE : converter.apply(item));
        }
        return Collections.unmodifiableList(converted);
    }

    private static Map<String, Object> map(Map<?, ?> map, Function<Object, Object> converter) {
        Map<String, Object> converted = new LinkedHashMap<>();
        map.forEach((key, item) -> converted.put(String.valueOf(key),
                item == null ? NullValue.NULL_VALUE : converter.apply(item)));
        return Collections.unmodifiableMap(converted);
    }

    // ---- reflection

    static String structName(Class<?> recordClass) {
        String packageName = recordClass.getPackageName();
        String prefix = packageName.substring(packageName.lastIndexOf('.') + 1);
        if (prefix.equals("governance")) {
            prefix = "polder";
        }
        if (recordClass == io.polder.model.odcs.Team.TeamObject.class) {
            return prefix + ".Team";
        }
        if (recordClass == DomainInfo.class) {
            return prefix + ".Domain";
        }
        Class<?> enclosing = recordClass.getEnclosingClass();
        return prefix + "." + (enclosing == null ? "" : enclosing.getSimpleName()) + recordClass.getSimpleName();
    }

    private static boolean annotated(RecordComponent component, Class<? extends java.lang.annotation.Annotation> type) {
        return annotation(component, type) != null;
    }

    /** An annotation written on a record component: Java keeps it on the accessor unless it targets components. */
    private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        A onComponent = component.getAnnotation(type);
        return onComponent != null ? onComponent : component.getAccessor().getAnnotation(type);
    }

    private static Method jsonValue(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                return method;
            }
        }
        return null;
    }

    private static MethodHandle anyGetter(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(JsonAnyGetter.class) && method.getParameterCount() == 0) {
                return handle(method);
            }
        }
        return null;
    }

    private static MethodHandle handle(Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + method, e);
        }
    }

    static Object invoke(MethodHandle accessor, Object target) {
        try {
            return accessor.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the struct types, for documentation and tests. */
    Set<String> structNames() {
        return new LinkedHashSet<>(structs.keySet());
    }

    /** Every field name of every struct, for "did you mean" hints. */
    Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        structs.values().forEach(struct -> names.addAll(struct.fieldNames()));
        return names;
    }
}
