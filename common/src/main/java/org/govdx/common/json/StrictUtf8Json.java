package org.govdx.common.json;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Every JSON parse of bytes by the services' object mapper (request bodies above all) first checks that the bytes are
 * well-formed UTF-8 ({@link StrictUtf8}): a body with an overlong form is malformed JSON, 400 problem+json, instead of
 * text Jackson's lenient decoder would let through. Text already decoded is not touched.
 */
@Singleton
public class StrictUtf8Json implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setInputDecorator(new InputDecorator() {
            @Override
            public InputStream decorate(IOContext context, InputStream in) {
                return StrictUtf8.checking(in);
            }

            @Override
            public InputStream decorate(IOContext context, byte[] source, int offset, int length) throws IOException {
                StrictUtf8 check = new StrictUtf8();
                check.update(source, offset, length);
                check.finish();
                return null; // the bytes as they are
            }

            @Override
            public Reader decorate(IOContext context, Reader reader) {
                return reader;
            }
        });
    }
}
