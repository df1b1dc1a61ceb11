package org.govdx.exchange.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A department's agreement-signing key pair; the private half sealed under the master key. */
@Entity
@Table(name = "department_key")
public class DepartmentKey extends PanacheEntityBase {

    @Id
    public String kid;

    @Column(nullable = false)
    public String department;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "sealed_private_key", nullable = false)
    public byte[] sealedPrivateKey;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;
}
