package nonblocking.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the only honest way to see the chunk framing and when each chunk arrives
 * (HTTP clients hide both).
 */
final class RawHttp {
    /** One chunk of a chunked body and when it had fully arrived, in ms since the request was sent. */
    record Chunk(String data, long arrivedMs) {
    }

    record Reply(String statusLine, Map<String, String> headers, List<Chunk> chunks, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends a raw request (with its blank line) on a new connection and reads one response. */
    static Reply exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            long sent = System.nanoTime();
            write(socket, request);
            return read(socket, sent);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static void write(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response; the body chunked, by Content-Length, or up to the close. */
    static Reply read(Socket socket, long sentNanos) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String statusLine = readLine(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    // Trailers (none expected) end with an empty line.
                    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                        headers.put("trailer:" + line, "");
                    }
                    break;
                }
                String data = new String(in.readNBytes(size), StandardCharsets.UTF_8);
                chunks.add(new Chunk(data, (System.nanoTime() - sentNanos) / 1_000_000));
                body.append(data);
                readLine(in); // CRLF after the data
            }
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } else {
            body.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)); // delimited by close
        }
        return new Reply(statusLine, headers, chunks, body.toString());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
