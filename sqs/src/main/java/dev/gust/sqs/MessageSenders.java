package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who sent each message of one namespace, for the {@code SenderId} attribute, which AWS answers with the sender's
 * id ({@code 123456789012} for an account's root, {@code AIDA...} for a user, {@code AROA...:session} for a role's
 * session) and ElasticMQ with a constant. The sender of a message sent by the account's root (or by a service on its
 * own behalf) is the account id and is not kept; other senders are kept in memory until the message is deleted.
 * After a restart every message's sender reads as the account id. Thread-safe.
 */
final class MessageSenders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern XML_MESSAGE_ID = Pattern.compile("<MessageId>([^<]+)</MessageId>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>.*?</Message>", Pattern.DOTALL);
    private static final Pattern XML_SENDER = Pattern.compile(
            "(<Name>SenderId</Name>\\s*<Value>)([^<]*)(</Value>)");

    private final String accountId;
    private final Map<String, String> senders = new ConcurrentHashMap<>();

    MessageSenders(String accountId) {
        this.accountId = accountId;
    }

    /** Records {@code senderId} as the sender of the messages a successful SendMessage(Batch) answer names. */
    void sent(Buffer answer, boolean json, String senderId) {
        if (accountId.equals(senderId)) {
            return;
        }
        for (String id : messageIds(answer, json)) {
            senders.put(id, senderId);
        }
    }

    /** Forgets the sender of the message a receipt handle belongs to (ElasticMQ's handles are {@code ID#...}). */
    void deleted(String receiptHandle) {
        int hash = receiptHandle == null ? -1 : receiptHandle.indexOf('#');
        if (hash > 0) {
            senders.remove(receiptHandle.substring(0, hash));
        }
    }

    /** A ReceiveMessage answer with each message's {@code SenderId} set to its sender. */
    Buffer received(Buffer answer, boolean json) {
        String text = answer.toString(StandardCharsets.UTF_8);
        if (!text.contains("SenderId")) {
            return answer;
        }
        return json ? receivedJson(answer) : Buffer.buffer(receivedXml(text));
    }

    private Buffer receivedJson(Buffer answer) {
        try {
            JsonNode root = JSON.readTree(answer.getBytes());
            for (JsonNode message : root.path("Messages")) {
                if (message.path("Attributes").has("SenderId")) {
                    ((ObjectNode) message.path("Attributes")).put("SenderId",
                            senderOf(message.path("MessageId").asText()));
                }
            }
            return Buffer.buffer(JSON.writeValueAsBytes(root));
        } catch (IOException | ClassCastException e) {
            return answer;
        }
    }

    private String receivedXml(String text) {
        Matcher messages = XML_MESSAGE.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (messages.find()) {
            String message = messages.group();
            Matcher id = XML_MESSAGE_ID.matcher(message);
            String sender = senderOf(id.find() ? id.group(1) : "");
            String replaced = XML_SENDER.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                    + sender + m.group(3)));
            messages.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        messages.appendTail(out);
        return out.toString();
    }

    private String senderOf(String messageId) {
        return senders.getOrDefault(messageId, accountId);
    }

    private static List<String> messageIds(Buffer answer, boolean json) {
        List<String> ids = new ArrayList<>();
        if (json) {
            try {
                JsonNode root = JSON.readTree(answer.getBytes());
                if (root.has("MessageId")) {
                    ids.add(root.path("MessageId").asText());
                }
                for (JsonNode entry : root.path("Successful")) {
                    ids.add(entry.path("MessageId").asText());
                }
            } catch (IOException e) {
                return ids;
            }
            return ids;
        }
        Matcher m = XML_MESSAGE_ID.matcher(answer.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
