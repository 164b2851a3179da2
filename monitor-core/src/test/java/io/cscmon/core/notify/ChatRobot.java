package io.cscmon.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real local HTTP server that checks requests the way the DingTalk and WeCom robots document it
 * and answers as they do: 200 with {@code {"errcode":0,"errmsg":"ok"}}, or 200 with an error code.
 * DingTalk: a signed robot verifies {@code timestamp} (ms, within an hour) and {@code sign} =
 * URL-encoded Base64 HmacSHA256(key = secret, data = timestamp + "\n" + secret); a wrong signature
 * gets errcode 310000. WeCom: markdown content over 4096 bytes gets errcode 40058.
 */
final class ChatRobot implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One request; {@code at} is the robot's clock when it came. */
  record Received(Map<String, String> query, JsonNode body, long at) {}

  private final HttpServer server;
  private final String secret;
  private final Clock clock;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> errcodes = new ArrayDeque<>();

  ChatRobot(String secret) throws IOException {
    this(secret, Clock.systemUTC());
  }

  /** A robot that stamps each request with {@code clock} (a test's fake one). */
  ChatRobot(String secret, Clock clock) throws IOException {
    this.secret = secret;
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/robot/send", this::dingTalk);
    server.createContext("/cgi-bin/webhook/send", this::weCom);
    server.start();
  }

  URI dingTalkUrl() {
    return URI.create(base() + "/robot/send?access_token=abc123");
  }

  URI weComUrl() {
    return URI.create(base() + "/cgi-bin/webhook/send?key=k-1");
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next answers carry these error codes (instead of 0), in order. */
  synchronized ChatRobot failWith(Integer... codes) {
    errcodes.addAll(List.of(codes));
    return this;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void dingTalk(HttpExchange ex) throws IOException {
    Received r = read(ex);
    int code = 0;
    String msg = "ok";
    if (secret != null) {
      String ts = r.query().get("timestamp");
      String sign = r.query().get("sign");
      if (ts == null
          || sign == null
          || Math.abs(System.currentTimeMillis() - Long.parseLong(ts)) > 3_600_000
          || !sign.equals(expectedSign(ts))) {
        code = 310000;
        msg = "sign not match";
      }
    }
    if (code == 0 && !"markdown".equals(r.body().path("msgtype").asText())) {
      code = 40035;
      msg = "missing msgtype";
    }
    answer(ex, r, code, msg);
  }

  private void weCom(HttpExchange ex) throws IOException {
    Received r = read(ex);
    int code = 0;
    String msg = "ok";
    String content = r.body().path("markdown").path("content").asText("");
    if (content.isEmpty()
        || content.getBytes(StandardCharsets.UTF_8).length > WeComPayload.MAX_BYTES) {
      code = 40058;
      msg = "markdown.content exceed max length 4096";
    }
    answer(ex, r, code, msg);
  }

  /** Computed from the decoded query parameter, as a robot server sees it. */
  private String expectedSign(String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Received read(HttpExchange ex) throws IOException {
    Map<String, String> query = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      return new Received(query, MAPPER.readTree(in.readAllBytes()), clock.millis());
    }
  }

  private void answer(HttpExchange ex, Received r, int code, String msg) throws IOException {
    synchronized (this) {
      received.add(r);
      if (code == 0 && !errcodes.isEmpty()) {
        code = errcodes.poll();
        msg = "scripted";
      }
    }
    byte[] out =
        MAPPER
            .createObjectNode()
            .put("errcode", code)
            .put("errmsg", msg)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, out.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
