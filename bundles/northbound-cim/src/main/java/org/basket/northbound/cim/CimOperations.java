package org.basket.northbound.cim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read-only intrinsic operations a management console uses, over a model made afresh for each request:
 * EnumerateInstances, EnumerateInstanceNames, GetInstance, Associators, AssociatorNames, References,
 * ReferenceNames. Every other operation is CIM_ERR_NOT_SUPPORTED.
 */
final class CimOperations {
    private final String namespace;
    private final Supplier<CimModel> model;

    CimOperations(String namespace, Supplier<CimModel> model) {
        this.namespace = namespace;
        this.model = model;
    }

    /** The IRETURNVALUE of the request, the host naming the instance paths it returns. */
    String execute(CimRequest request, String host) throws CimError {
        if (!request.namespace().equalsIgnoreCase(namespace)) {
            throw new CimError(CimError.INVALID_NAMESPACE, "no namespace " + request.namespace() + "; this server has "
                    + namespace);
        }
        CimXml out = new CimXml(host, namespace);
        switch (request.method()) {
            case "EnumerateInstances" -> ofClass(request).forEach(out::namedInstance);
            case "EnumerateInstanceNames" -> ofClass(request).forEach(i -> out.instanceName(i.name()));
            case "GetInstance" -> out.instanceOnly(get(request.instanceName("InstanceName")));
            case "Associators" -> associators(request).forEach(out::objectWithPath);
            case "AssociatorNames" -> associators(request).forEach(i -> out.objectPath(i.name()));
            case "References" -> references(request).forEach(out::objectWithPath);
            case "ReferenceNames" -> references(request).forEach(i -> out.objectPath(i.name()));
            default -> throw new CimError(CimError.NOT_SUPPORTED, request.method()
                    + " is not supported: this server is read-only and knows no class definitions");
        }
        return out.returnValue();
    }

    private List<CimInstance> ofClass(CimRequest request) throws CimError {
        String className = knownClass(request.className("ClassName")
                .orElseThrow(() -> new CimError(CimError.INVALID_PARAMETER, "missing parameter ClassName")));
        return model.get().instances().stream().filter(i -> CimClasses.isA(i.className(), className)).toList();
    }

    private CimInstance get(InstanceName name) throws CimError {
        knownClass(name.className());
        return model.get().instances().stream().filter(i -> i.name().sameAs(name)).findFirst()
                .orElseThrow(() -> new CimError(CimError.NOT_FOUND, "no instance " + describe(name)));
    }

    /** The instances associated with the object by the associations that name it, filtered as the request says. */
    private List<CimInstance> associators(CimRequest request) throws CimError {
        InstanceName object = request.instanceName("ObjectName");
        Optional<String> resultClass = optionalClass(request, "ResultClass");
        Optional<String> resultRole = request.string("ResultRole");
        CimModel now = model.get();
        List<CimInstance> found = new ArrayList<>();
        for (CimInstance association : associations(now, object, optionalClass(request, "AssocClass"), request.string("Role"))) {
            for (Map.Entry<String, CimValue> end : association.name().keys().entrySet()) {
                if (end.getValue() instanceof CimValue.Reference other && !other.target().sameAs(object)
                        && resultRole.map(end.getKey()::equalsIgnoreCase).orElse(true)
                        && resultClass.map(c -> CimClasses.isA(other.target().className(), c)).orElse(true)) {
                    now.instances().stream().filter(i -> i.name().sameAs(other.target())).findFirst()
                            .filter(i -> found.stream().noneMatch(f -> f.name().sameAs(i.name()))).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    private List<CimInstance> references(CimRequest request) throws CimError {
        InstanceName object = request.instanceName("ObjectName");
        return associations(model.get(), object, optionalClass(request, "ResultClass"), request.string("Role"));
    }

    private static List<CimInstance> associations(CimModel model, InstanceName object, Optional<String> assocClass,
                                                  Optional<String> role) {
        return model.instances().stream()
                .filter(a -> assocClass.map(c -> CimClasses.isA(a.className(), c)).orElse(true))
                .filter(a -> a.name().keys().entrySet().stream().anyMatch(end -> end.getValue() instanceof CimValue.Reference r
                        && r.target().sameAs(object) && role.map(end.getKey()::equalsIgnoreCase).orElse(true)))
                .toList();
    }

    private Optional<String> optionalClass(CimRequest request, String parameter) throws CimError {
        Optional<String> name = request.className(parameter);
        if (name.isPresent()) {
            knownClass(name.get());
        }
        return name;
    }

    private static String knownClass(String name) throws CimError {
        return CimClasses.known(name).orElseThrow(() -> new CimError(CimError.INVALID_CLASS, "no class " + name
                + " in this server"));
    }

    private static String describe(InstanceName name) {
        StringBuilder text = new StringBuilder(name.className());
        String separator = ".";
        for (Map.Entry<String, CimValue> key : name.keys().entrySet()) {
            text.append(separator).append(key.getKey()).append('=').append(key.getValue() instanceof CimValue.Scalar s
                    ? "\"" + s.value() + "\"" : "(a reference)");
            separator = ",";
        }
        return text.toString();
    }
}
