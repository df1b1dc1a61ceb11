package org.govdx.tlog.verifier;

import org.govdx.tlog.NoteSigner;

import java.io.PrintStream;

/**
 * Makes a new Ed25519 signed-note key for a log:
 * {@code java -cp govdx-audit-verifier.jar org.govdx.tlog.verifier.GenerateKey [name]} (default name
 * {@code govdx.example/audit-log}, which must be the log's origin). Prints the secret signer key
 * ({@code PRIVATE+KEY+...}, for the log's configuration) on standard output and the verifier key (to publish) on
 * standard error.
 */
public final class GenerateKey {

    public static final String DEFAULT_NAME = "govdx.example/audit-log";

    private GenerateKey() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            err.println("usage: java -cp govdx-audit-verifier.jar org.govdx.tlog.verifier.GenerateKey [key name = log origin]");
            return VerifierMain.USAGE;
        }
        NoteSigner signer;
        try {
            signer = NoteSigner.generate(args.length == 1 ? args[0] : DEFAULT_NAME);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return VerifierMain.USAGE;
        }
        out.println(signer.encode());
        err.println("verifier key (publish it): " + signer.verifier().encode());
        return VerifierMain.OK;
    }
}
