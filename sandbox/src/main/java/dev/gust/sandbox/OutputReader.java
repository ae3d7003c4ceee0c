package dev.gust.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads every instance's output pipe: it waits in {@code epoll_wait} for any pipe to hold
 * output and copies it to that pipe's sink with non-blocking reads. An idle instance costs no thread (its pipe is
 * one registered descriptor), and a flooding one is read 1 MiB at a time in turn with the others. Pipes are added
 * and removed from any thread ({@code epoll_ctl} needs no wake-up). Thread-safe.
 *
 * <p>Why not one reader thread per instance: blocked readers once pinned every virtual-thread carrier and stopped new
 * instances from starting (commit 049fb53); why not the event loops: the pipe is not a socket Vert.x can watch.
 */
final class OutputReader {

    private static final Logger LOG = LoggerFactory.getLogger(OutputReader.class);
    private static final int MAX_EVENTS = 64;
    /** Reads per pipe and wake-up, so that one flooding instance cannot hold the thread. */
    private static final int CHUNKS_PER_TURN = 16;
    private static volatile OutputReader shared;

    private final int epoll;
    private final Map<Integer, OutputPipe> pipes = new ConcurrentHashMap<>();

    private OutputReader(int epoll) {
        this.epoll = epoll;
    }

    /** The reader of every pipe of this JVM, started on first use. */
    static OutputReader shared() {
        OutputReader reader = shared;
        if (reader == null) {
            synchronized (OutputReader.class) {
                reader = shared;
                if (reader == null) {
                    try {
                        reader = new OutputReader(NativeIo.epollCreate());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Thread.ofPlatform().daemon().name("gust-output-reader").start(reader::serve);
                    shared = reader;
                }
            }
        }
        return reader;
    }

    void add(OutputPipe pipe) throws IOException {
        pipes.put(pipe.readFd(), pipe);
        try {
            NativeIo.epollAdd(epoll, pipe.readFd());
        } catch (IOException e) {
            pipes.remove(pipe.readFd(), pipe);
            throw e;
        }
    }

    void remove(OutputPipe pipe) {
        if (pipes.remove(pipe.readFd(), pipe)) {
            NativeIo.epollRemove(epoll, pipe.readFd());
        }
    }

    /** How many pipes are being read. */
    int size() {
        return pipes.size();
    }

    private void serve() {
        MemorySegment events = Arena.global().allocate(NativeIo.EVENT_SIZE * MAX_EVENTS, 8);
        while (true) { // this thread must not end: every instance's output would stop being read
            int ready;
            try {
                ready = NativeIo.epollWait(epoll, events, MAX_EVENTS);
            } catch (RuntimeException e) {
                LOG.warn("waiting for instances' output failed; waiting again", e);
                continue;
            }
            for (int i = 0; i < ready; i++) {
                OutputPipe pipe = pipes.get(NativeIo.eventFd(events, i));
                if (pipe != null) {
                    serve(pipe);
                }
            }
        }
    }

    private static void serve(OutputPipe pipe) {
        try {
            if (!pipe.drain(CHUNKS_PER_TURN)) {
                pipe.close(); // every writer exited
            }
        } catch (RuntimeException e) {
            LOG.warn("reading an instance's output failed; its pipe is closed", e);
            pipe.close();
        }
    }
}
