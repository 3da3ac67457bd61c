package dev.voicemail.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/** Requests written byte for byte on a socket to the test server: what HTTP clients refuse to send. */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    public static Answer send(String request) throws Exception {
        return send(RestAssured.port, request);
    }

    public static Answer send(int port, String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed;
            try {
                // read to the end of the connection, or of a complete answer; then see whether the server closes
                byte[] buffer = new byte[8192];
                int n = 0;
                boolean complete = false;
                while (!complete && (n = in.read(buffer)) >= 0) {
                    answer.write(buffer, 0, n);
                    complete = complete(answer.toString(StandardCharsets.ISO_8859_1));
                }
                if (complete) {
                    socket.setSoTimeout(3_000);
                    try {
                        closed = in.read() < 0;
                    } catch (SocketTimeoutException keptOpen) {
                        closed = false;
                    }
                } else {
                    closed = true;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 10 s to " + abbreviate(request) + ", got " + answer, e);
            } catch (java.net.SocketException reset) {
                closed = true;
            }
            return new Answer(answer.toString(StandardCharsets.UTF_8), closed);
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = answer.substring(0, end).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int eol = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
        return answer.length() - end - 4 >= length;
    }

    public static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
    }

    public record Answer(String text, boolean closed) {

        public int status() {
            int space = text.indexOf(' '); // "HTTP/1.1 414 ..."; the server echoes a version it served as 1.1
            return text.startsWith("HTTP/") && space > 0 && text.length() >= space + 4
                    ? Integer.parseInt(text.substring(space + 1, space + 4)) : 0;
        }

        public String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            String body = end < 0 ? "" : text.substring(end + 4);
            return head().toLowerCase().contains("transfer-encoding: chunked") ? dechunk(body) : body;
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int eol = chunked.indexOf("\r\n", at);
                if (eol < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
                at = eol + 2 + size + 2;
            }
            return body.toString();
        }

        public JsonNode json() {
            try {
                JsonNode node = JSON.readTree(body());
                return node != null && node.isContainerNode() ? node : null;
            } catch (Exception notJson) {
                return null;
            }
        }

        public void assertJsonError(int expected, String error) {
            assertEquals(expected, status(), toString());
            assertTrue(head().toLowerCase().contains("content-type: application/json"), toString());
            JsonNode body = json();
            assertTrue(body != null, "not JSON: " + this);
            assertEquals(error, body.path("error").asText(), toString());
            assertFalse(body.path("message").asText().isEmpty(), toString());
        }

        @Override
        public String toString() {
            return (closed ? "[closed] " : "") + abbreviate(text);
        }
    }
}
