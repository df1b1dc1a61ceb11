///usr/bin/env java "$0" "$@"; exit $?
// Verifies a govdx agreement offline with nothing but a JDK (17+) and the published JWKS:
//   java tools/VerifyAgreement.java agreement.json jwks.json
// agreement.json: GET /api/exchange/agreements/{id}; jwks.json: GET /api/exchange/.well-known/jwks.json
// Checks: each JWS verifies under the key its kid names; its payload is exactly the agreement document;
// the document's SHA-256 equals contentHash. Exit 0 when everything holds, 1 otherwise.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class VerifyAgreement {

    public static void main(String[] args) throws Exception {
        String agreement = Files.readString(Path.of(args[0]));
        String jwks = Files.readString(Path.of(args[1]));
        String document = unescape(member(agreement, "document"));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        boolean ok = hash.equals(member(agreement, "contentHash"));
        System.out.println((ok ? "OK   " : "FAIL ") + "content hash " + hash);
        for (String role : new String[]{"consumerSignature", "providerSignature"}) {
            String jws = member(agreement, role);
            if (jws == null) {
                System.out.println("-    " + role + ": none (an open-use grant is not signed)");
                continue;
            }
            String[] parts = jws.split("\\.");
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            String kid = member(header, "kid");
            Matcher key = Pattern.compile("\\{[^{}]*\"kid\"\\s*:\\s*\"" + Pattern.quote(kid) + "\"[^{}]*}").matcher(jwks);
            if (!key.find()) {
                System.out.println("FAIL " + role + ": key " + kid + " is not in the JWKS");
                ok = false;
                continue;
            }
            byte[] raw = Base64.getUrlDecoder().decode(member(key.group(), "x"));
            byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            boolean signed = verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
            boolean same = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).equals(document);
            System.out.println((signed && same ? "OK   " : "FAIL ") + role + ": signed by " + member(header, "govdx.signer")
                    + " of " + member(header, "govdx.department") + " with key " + kid + (same ? "" : " (payload differs from the document)"));
            ok &= signed && same;
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * The raw (still escaped) string value of the first member called {@code name}, or null when it is
     * absent or JSON null. A deliberately small scanner: the tool needs nothing but a JDK.
     */
    static String member(String json, String name) {
        String key = "\"" + name + "\"";
        int at = 0;
        while ((at = json.indexOf(key, at)) >= 0) {
            int i = at + key.length();
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            if (i >= json.length() || json.charAt(i) != ':') {
                at = i;
                continue;
            }
            i++;
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            if (json.startsWith("null", i) || i >= json.length() || json.charAt(i) != '"') {
                return null;
            }
            StringBuilder value = new StringBuilder();
            for (i++; i < json.length() && json.charAt(i) != '"'; i++) {
                char c = json.charAt(i);
                value.append(c);
                if (c == '\\') {
                    value.append(json.charAt(++i));
                }
            }
            return value.toString();
        }
        return null;
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
