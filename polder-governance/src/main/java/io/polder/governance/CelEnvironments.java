package io.polder.governance;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OutputPort;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CEL environment per target: the same types, functions and limits, and the variables of that target.
 * What is in the environment is all a policy can reach: CEL's standard functions and macros, optional
 * values ({@code product.?description.?purpose.orValue('')}), the string functions that cannot grow a
 * string beyond its inputs (lowerAscii, upperAscii, trim, split, join, indexOf, lastIndexOf, substring,
 * charAt; not replace, which could double a string at every call) and {@link PolicyFunctions}. None of them
 * has a side effect. {@code matches} is CEL's, with compiled patterns cached ({@link Regexes}).
 */
final class CelEnvironments {
    private final CelModel model = new CelModel(List.of(DataProduct.class, DataContract.class, DomainInfo.class,
            Facts.class));
    private final Regexes regexes = new Regexes();
    private final Map<PolicyTarget, Cel> environments = new EnumMap<>(PolicyTarget.class);

    CelEnvironments(EngineOptions options) {
        CelOptions celOptions = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(options.iterationBudget())
                .maxExpressionCodePointSize(options.maxExpressionLength())
                .enableOptionalSyntax(true)
                .build();
        // one runtime for every target: variables are resolved when evaluating. The planner runtime plans an
        // expression once and takes structs as they are; it evaluates several times faster than the legacy one
        CelRuntime runtime = CelRuntimeFactory.plannerRuntimeBuilder()
                .setOptions(celOptions)
                .setTypeProvider(model.typeProvider())
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
                .addLibraries(CelOptionalLibrary.INSTANCE, strings())
                .addFunctionBindings(PolicyFunctions.bindings())
                .addFunctionBindings(regexes.bindings())
                .build();
        Map<String, CelType> types = variableTypes();
        for (PolicyTarget target : PolicyTarget.values()) {
            CelCompilerBuilder compiler = CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(celOptions)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .setTypeProvider(model.typeProvider())
                    .addLibraries(CelOptionalLibrary.INSTANCE, strings())
                    .addFunctionDeclarations(PolicyFunctions.declarations());
            for (String variable : target.variables()) {
                compiler.addVar(variable, types.get(variable));
            }
            environments.put(target, CelFactory.combine(compiler.build(), runtime));
        }
    }

    Cel forTarget(PolicyTarget target) {
        return environments.get(target);
    }

    CelModel model() {
        return model;
    }

    private Map<String, CelType> variableTypes() {
        Map<String, CelType> types = new LinkedHashMap<>();
        types.put(Variables.PRODUCT, model.type(DataProduct.class));
        types.put(Variables.PORT, model.type(OutputPort.class));
        types.put(Variables.CONTRACT, model.type(DataContract.class));
        types.put(Variables.OBJECT, model.type(SchemaObject.class));
        types.put(Variables.PROPERTY, model.type(SchemaProperty.class));
        types.put(Variables.DOMAIN, model.type(DomainInfo.class));
        types.put(Variables.FACTS, model.type(Facts.class));
        types.put(Variables.NOW, SimpleType.TIMESTAMP);
        return types;
    }

    private static CelStringExtensions strings() {
        return CelExtensions.strings(CelStringExtensions.Function.LOWER_ASCII, CelStringExtensions.Function.UPPER_ASCII,
                CelStringExtensions.Function.TRIM, CelStringExtensions.Function.SPLIT,
                CelStringExtensions.Function.JOIN, CelStringExtensions.Function.INDEX_OF,
                CelStringExtensions.Function.LAST_INDEX_OF, CelStringExtensions.Function.SUBSTRING,
                CelStringExtensions.Function.CHAR_AT);
    }
}
