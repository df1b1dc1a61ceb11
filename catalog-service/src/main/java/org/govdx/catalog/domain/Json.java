package org.govdx.catalog.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;
import java.util.Map;

/** JSON stored in text columns (lists and small documents that are always read and written whole). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + e.getMessage(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable: " + e.getMessage(), e);
        }
    }

    abstract static class Base<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;

        Base(TypeReference<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T attribute) {
            return write(attribute);
        }

        @Override
        public T convertToEntityAttribute(String column) {
            return read(column, type);
        }
    }

    @Converter
    public static class StringList extends Base<List<String>> {
        public StringList() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class StringMap extends Base<Map<String, String>> {
        public StringMap() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class Fields extends Base<List<FieldSpec>> {
        public Fields() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class OverlapDoc extends Base<Overlap> {
        public OverlapDoc() {
            super(new TypeReference<>() {
            });
        }
    }

    @Converter
    public static class Changes extends Base<VersionChanges> {
        public Changes() {
            super(new TypeReference<>() {
            });
        }
    }
}
