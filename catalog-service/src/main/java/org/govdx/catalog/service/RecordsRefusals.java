package org.govdx.catalog.service;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a DENIED audit event when the method's {@code Uni} fails with a {@link RuleViolation}. The
 * interceptor runs outside {@code @WithTransaction} (lower priority number), so the event is written after
 * the business transaction rolled back, in a transaction of its own.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RecordsRefusals {
}
