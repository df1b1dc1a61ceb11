package org.govdx.rules.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.govdx.rules.classification.SharingClass;

/**
 * One version of a catalog dataset as the policy sees it (DOMAIN rules 1 and 2).
 *
 * @param id             dataset id
 * @param version        dataset version
 * @param ownerDepartment the providing department
 * @param sharingClass   the dataset's class
 * @param fields         the fields in catalog order (unique names)
 */
public record DatasetView(String id, int version, String ownerDepartment, SharingClass sharingClass, List<FieldView> fields) {
    public DatasetView {
        Caller.requireText(id, "id");
        Caller.requireText(ownerDepartment, "ownerDepartment");
        Objects.requireNonNull(sharingClass, "sharingClass");
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (FieldView f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("field names must be unique");
            }
        }
    }

    /** The field called {@code name}, if the dataset has one. */
    public Optional<FieldView> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
