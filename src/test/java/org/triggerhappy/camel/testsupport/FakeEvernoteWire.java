package org.triggerhappy.camel.testsupport;

import com.evernote.edam.notestore.NoteFilter;
import com.evernote.edam.notestore.NotesMetadataResultSpec;
import com.evernote.edam.notestore.SyncChunkFilter;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.Notebook;
import com.evernote.edam.type.Tag;
import com.evernote.thrift.TApplicationException;
import com.evernote.thrift.TBase;
import com.evernote.thrift.TException;
import com.evernote.thrift.protocol.TBinaryProtocol;
import com.evernote.thrift.protocol.TField;
import com.evernote.thrift.protocol.TList;
import com.evernote.thrift.protocol.TMessage;
import com.evernote.thrift.protocol.TMessageType;
import com.evernote.thrift.protocol.TProtocol;
import com.evernote.thrift.protocol.TProtocolUtil;
import com.evernote.thrift.protocol.TStruct;
import com.evernote.thrift.protocol.TType;
import com.evernote.thrift.transport.TTransport;
import com.evernote.thrift.transport.TTransportException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrift binary framing for {@link FakeEvernote}: one request message in, one reply message out (evernote.md §4).
 * Arguments are decoded generically by field id because the SDK's {@code *_args}/{@code *_result} classes are private.
 */
final class FakeEvernoteWire {

    private FakeEvernoteWire() {
    }

    /** A decoded call: method name, sequence id to echo, and arguments by field id. */
    record Call(String method, int seqid, Map<Short, Object> args) {
        String string(int id) {
            return (String) args.get((short) id);
        }

        int i32(int id, int fallback) {
            Object value = args.get((short) id);
            return value == null ? fallback : (Integer) value;
        }

        boolean bool(int id) {
            return Boolean.TRUE.equals(args.get((short) id));
        }

        <T> T struct(int id, Class<T> type) {
            return type.cast(args.get((short) id));
        }
    }

    /** Writes one reply value (the single field of a {@code *_result} struct). */
    @FunctionalInterface
    interface Value {
        void write(TProtocol out) throws TException;
    }

    static Call readCall(byte[] body) throws TException {
        TProtocol in = protocol(new ByteArrayInputStream(body), null);
        TMessage message = in.readMessageBegin();
        Map<Short, Object> args = new HashMap<>();
        in.readStructBegin();
        while (true) {
            TField field = in.readFieldBegin();
            if (field.type == TType.STOP) {
                break;
            }
            Object value = readArg(in, message.name, field);
            if (value != null) {
                args.put(field.id, value);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        in.readMessageEnd();
        return new Call(message.name, message.seqid, args);
    }

    private static Object readArg(TProtocol in, String method, TField field) throws TException {
        switch (field.type) {
            case TType.STRING: return in.readString();
            case TType.I16: return in.readI16();
            case TType.I32: return in.readI32();
            case TType.I64: return in.readI64();
            case TType.BOOL: return in.readBool();
            case TType.STRUCT:
                TBase<?> struct = structFor(method, field.id);
                if (struct != null) {
                    struct.read(in);
                    return struct;
                }
                break;
            default:
                break;
        }
        TProtocolUtil.skip(in, field.type);
        return null;
    }

    private static TBase<?> structFor(String method, short id) {
        switch (method + "/" + id) {
            case "createNote/2": return new Note();
            case "createNotebook/2": return new Notebook();
            case "createTag/2": return new Tag();
            case "findNotesMetadata/2": return new NoteFilter();
            case "findNotesMetadata/5": return new NotesMetadataResultSpec();
            case "getFilteredSyncChunk/4": return new SyncChunkFilter();
            default: return null;
        }
    }

    /** A REPLY carrying exactly one field of the result struct (0 = success, 1..3 = declared exceptions). */
    static byte[] reply(Call call, int fieldId, byte type, Value value) throws TException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TProtocol out = protocol(null, bytes);
        out.writeMessageBegin(new TMessage(call.method(), TMessageType.REPLY, call.seqid()));
        out.writeStructBegin(new TStruct(call.method() + "_result"));
        out.writeFieldBegin(new TField("result", type, (short) fieldId));
        value.write(out);
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeMessageEnd();
        return bytes.toByteArray();
    }

    static byte[] success(Call call, TBase<?> struct) throws TException {
        return reply(call, 0, TType.STRUCT, struct::write);
    }

    static byte[] success(Call call, List<? extends TBase<?>> structs) throws TException {
        return reply(call, 0, TType.LIST, out -> {
            out.writeListBegin(new TList(TType.STRUCT, structs.size()));
            for (TBase<?> struct : structs) {
                struct.write(out);
            }
            out.writeListEnd();
        });
    }

    static byte[] success(Call call, String value) throws TException {
        return reply(call, 0, TType.STRING, out -> out.writeString(value));
    }

    static byte[] success(Call call, boolean value) throws TException {
        return reply(call, 0, TType.BOOL, out -> out.writeBool(value));
    }

    static byte[] exception(Call call, int fieldId, TBase<?> exception) throws TException {
        return reply(call, fieldId, TType.STRUCT, exception::write);
    }

    /**
     * An EDAMSystemException written by hand with an error code the 1.25.1 enum does not know (e.g. 28): the client's
     * {@code validate()} then throws TProtocolException, as it would against a newer server.
     */
    static byte[] rawSystemException(Call call, int errorCode) throws TException {
        return reply(call, 2, TType.STRUCT, out -> {
            out.writeStructBegin(new TStruct("EDAMSystemException"));
            out.writeFieldBegin(new TField("errorCode", TType.I32, (short) 1));
            out.writeI32(errorCode);
            out.writeFieldEnd();
            out.writeFieldBegin(new TField("message", TType.STRING, (short) 2));
            out.writeString("error code unknown to old clients");
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
        });
    }

    static byte[] unknownMethod(Call call) throws TException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TProtocol out = protocol(null, bytes);
        out.writeMessageBegin(new TMessage(call.method(), TMessageType.EXCEPTION, call.seqid()));
        new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Invalid method name: '" + call.method() + "'")
                .write(out);
        out.writeMessageEnd();
        return bytes.toByteArray();
    }

    private static TProtocol protocol(InputStream in, OutputStream out) {
        return new TBinaryProtocol(new StreamTransport(in, out));
    }

    /** TTransport over plain streams; the SDK jar has no TIOStreamTransport. */
    static final class StreamTransport extends TTransport {
        private final InputStream in;
        private final OutputStream out;

        StreamTransport(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void open() {
        }

        @Override
        public void close() {
        }

        @Override
        public int read(byte[] buf, int off, int len) throws TTransportException {
            try {
                int n = in.read(buf, off, len);
                if (n < 0) {
                    throw new TTransportException(TTransportException.END_OF_FILE, "request body ended early");
                }
                return n;
            } catch (IOException e) {
                throw new TTransportException(e);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws TTransportException {
            try {
                out.write(buf, off, len);
            } catch (IOException e) {
                throw new TTransportException(e);
            }
        }
    }
}
