// `seclead assess --batch PROFILES.ndjson`: one profile per input line, one line out per input
// line in input order: the report as compact JSON, or {"line": N, "errors": [...]} for a line
// that is not a valid profile (N is the 1-based input line number). A blank line is an error
// line too, so output line k always answers input line k. With --format summary the output
// is one CSV table instead: a header, then row k+1 answers input line k ("line,<the engine's
// summary columns>,errors", CRLF line endings).
//
// Work is cut into chunks of lines; worker threads (--threads N, default every core) assess
// chunks in any order while the main thread reads ahead and writes finished chunks strictly
// in order. At most a fixed number of chunks is in flight, so memory stays bounded whatever
// the input size. A progress bar goes to standard error when it is a terminal.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"

namespace seclead::cli {

namespace {

constexpr std::size_t kChunkLines = 256;
constexpr std::size_t kChunksPerThread = 4;  // chunks in flight per worker (read-ahead)

// Reads lines of at most kMaxInputBytes; longer lines are consumed but not stored.
class LineReader {
 public:
  explicit LineReader(std::FILE* file) : file_(file), buffer_(1 << 20) {}

  // False at end of input. `tooLong` is set when the line exceeded the limit.
  bool next(std::string& line, bool& tooLong) {
    line.clear();
    tooLong = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        if (eof_) break;
        end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        pos_ = 0;
        if (end_ == 0) {
          eof_ = true;
          if (std::ferror(file_)) error_ = true;
          break;
        }
      }
      any = true;
      const char* start = buffer_.data() + pos_;
      const void* nl = std::memchr(start, '\n', end_ - pos_);
      std::size_t len =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
      if (!tooLong) {
        if (line.size() + len > kMaxInputBytes) {
          tooLong = true;
          line.clear();
        } else {
          line.append(start, len);
        }
      }
      pos_ += len;
      if (nl) {
        ++pos_;
        break;
      }
    }
    if (!any) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }
  bool error() const { return error_; }

 private:
  std::FILE* file_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false, error_ = false;
};

struct Chunk {
  std::uint64_t firstLine = 0;  // 1-based number of lines[0]
  std::vector<std::string> lines;
  std::vector<char> tooLong;
  std::string output;  // one line per input line, '\n'-terminated
  std::size_t invalid = 0;
  std::uint64_t inputBytes = 0;  // bytes of these lines in the input (progress)
  bool done = false;
};

// A small valid profile: assessed once to report broken overlays up front and to read the
// summary table's column names.
constexpr const char* kProbeProfile =
    R"({"schema":"seclead.profile/1","organization":{"employees":1,"sector":"other","jurisdictions":["US"]}})";

// One RFC 4180 field (the error column of the summary table; the engine quotes the others).
std::string csvQuoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// --format summary: one spreadsheet row per input line, "line,<the engine's summary
// columns>,errors". A valid line's cells are the engine's summary rendering of its report;
// an invalid line has empty cells and its problems, in words, in `errors`.
struct SummaryTable {
  std::string header;       // the engine's column names
  std::size_t columns = 0;  // how many
  bool read() {
    Options options;
    options.format = "summary";
    Result rendered = assess(kProbeProfile, options);
    std::size_t end = rendered.output.find("\r\n");
    if (!rendered.ok || end == std::string::npos) return false;
    header = rendered.output.substr(0, end);
    columns = 1 + static_cast<std::size_t>(std::count(header.begin(), header.end(), ','));
    return true;
  }
};

// The row of one line: `number` then the report's cells (`result` is assess's summary
// rendering, Options::format) or empty cells, then the errors column.
void appendSummaryRow(std::string& out, std::uint64_t number, const Result& result,
                      const SummaryTable& table) {
  out += std::to_string(number);
  out += ',';
  if (result.ok) {
    const std::string& rendered = result.output;
    std::size_t start = rendered.find("\r\n");  // after the header
    std::size_t end =
        start != std::string::npos ? rendered.find("\r\n", start + 2) : std::string::npos;
    if (end != std::string::npos) {
      out.append(rendered, start + 2, end - start - 2);
      out += ",\r\n";
      return;
    }
  }
  out.append(table.columns - 1, ',');
  out += ',';
  if (result.ok) {
    out += csvQuoted("internal error: the report could not be summarized");
  } else {
    std::string problems = problemCount(result.errors.size());
    const char* separator = ": ";
    for (const auto& e : result.errors) {
      problems += separator + describeProblem(e);
      separator = "; ";
    }
    out += csvQuoted(problems);
  }
  out += "\r\n";
}

void assessChunk(Chunk& chunk, const Options& engineOptions, const SummaryTable* summary) {
  for (std::size_t i = 0; i < chunk.lines.size(); ++i) {
    const std::string& line = chunk.lines[i];
    std::uint64_t number = chunk.firstLine + i;
    Result result;
    if (chunk.tooLong[i]) {
      result.errors.push_back({"", "limit", "the line is longer than 1 MiB (1024 KiB)", ""});
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      result.errors.push_back({"", "syntax", "empty line: expected one JSON profile per line", ""});
    } else {
      result = assess(line, engineOptions);
    }
    if (!result.ok) ++chunk.invalid;
    if (summary) {
      appendSummaryRow(chunk.output, number, result, *summary);
    } else if (result.ok) {
      chunk.output += result.output;  // compact: one line (runBatch sets Options::compact)
      chunk.output += '\n';
    } else {
      std::string errors = result.errorJson();  // {"errors":[...]}
      chunk.output += "{\"line\":" + std::to_string(number) + "," + errors.substr(1) + "\n";
    }
    std::string().swap(chunk.lines[i]);  // free the input early
  }
}

class Progress {
 public:
  Progress(bool enabled, std::uint64_t totalBytes) : enabled_(enabled), total_(totalBytes) {
    start_ = last_ = std::chrono::steady_clock::now();
  }
  void update(std::uint64_t lines, std::uint64_t bytes, bool final = false) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(lines) / seconds : 0;
    char text[160];
    if (total_ > 0) {
      int percent = static_cast<int>(std::min<std::uint64_t>(100, bytes * 100 / total_));
      std::string bar(static_cast<std::size_t>(percent / 4), '#');
      bar.resize(25, '.');
      std::snprintf(text, sizeof text, "\r[%s] %3d%% %llu profiles, %.0f/s ", bar.c_str(), percent,
                    static_cast<unsigned long long>(lines), rate);
    } else {
      std::snprintf(text, sizeof text, "\r%llu profiles, %.0f/s ",
                    static_cast<unsigned long long>(lines), rate);
    }
    std::fputs(text, stderr);
    if (final) std::fputs("\n", stderr);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Assesses a small valid profile once so that broken overlays are reported once, up front,
// not on every line.
bool overlaysBroken(const Options& engineOptions) {
  if (engineOptions.overlays.empty()) return false;
  Result probe = assess(kProbeProfile, engineOptions);
  Result overlayErrors;
  for (const auto& e : probe.errors)
    if (e.input.rfind("overlay", 0) == 0) overlayErrors.errors.push_back(e);
  if (overlayErrors.errors.empty()) return false;
  std::cout << overlayErrors.errorJson() << "\n";
  std::cerr << "seclead: the overlays are invalid (" << problemCount(overlayErrors.errors.size())
            << "): " << overlayErrors.errors.front().input << " "
            << overlayErrors.errors.front().path << " [" << overlayErrors.errors.front().code
            << "] " << overlayErrors.errors.front().message << "\n";
  return true;
}

}  // namespace

int runBatch(const CliOptions& options, const Options& engineOptions) {
  if (options.format != "json" && options.format != "summary") {
    std::cerr << "seclead: --batch writes JSON lines or a summary table only (--format json or "
                 "summary, not "
              << options.format << ")\n";
    return kExitFailure;
  }
  if (overlaysBroken(engineOptions)) return kExitInvalid;
  Options lineOptions = engineOptions;
  lineOptions.compact = true;           // a report is one output line
  lineOptions.format = options.format;  // json, or summary: rendered as the report is built
  SummaryTable table;
  const SummaryTable* summary = nullptr;
  if (options.format == "summary") {
    if (!table.read()) {
      std::cerr << "seclead: internal error: the summary table's columns could not be read\n";
      return kExitFailure;
    }
    summary = &table;
  }

  std::FILE* in = stdin;
  std::uint64_t totalBytes = 0;
  if (options.batchFile != "-") {
    in = std::fopen(options.batchFile.c_str(), "rb");
    if (!in) {
      std::cerr << "seclead: cannot read '" << options.batchFile << "': " << std::strerror(errno)
                << "\n";
      return kExitFailure;
    }
    struct stat st {};
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
      totalBytes = static_cast<std::uint64_t>(st.st_size);
  }
  std::cout.flush();
  static char outBuffer[1 << 20];
  std::setvbuf(stdout, outBuffer, _IOFBF, sizeof outBuffer);
  if (summary) std::fputs(("line," + summary->header + ",errors\r\n").c_str(), stdout);

  unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, 256u);  // more workers than that only costs memory
  const std::size_t maxInFlight = threads * kChunksPerThread;

  std::mutex mutex;
  std::condition_variable workReady, chunkDone;
  std::deque<std::shared_ptr<Chunk>> todo;    // waiting for a worker
  std::deque<std::shared_ptr<Chunk>> window;  // in flight, input order
  bool closing = false;

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (;;) {
        std::shared_ptr<Chunk> chunk;
        {
          std::unique_lock lock(mutex);
          workReady.wait(lock, [&] { return closing || !todo.empty(); });
          if (todo.empty()) return;
          chunk = std::move(todo.front());
          todo.pop_front();
        }
        assessChunk(*chunk, lineOptions, summary);
        {
          std::lock_guard lock(mutex);
          chunk->done = true;
        }
        chunkDone.notify_one();
      }
    });
  }

  LineReader reader(in);
  Progress progress(options.progress && isatty(fileno(stderr)), totalBytes);
  std::uint64_t nextLine = 1, written = 0, invalid = 0, writtenBytes = 0;
  bool eof = false, writeError = false;
  while (true) {
    // Read ahead while the window has room.
    while (!eof) {
      {
        std::lock_guard lock(mutex);
        if (window.size() >= maxInFlight) break;
      }
      auto chunk = std::make_shared<Chunk>();
      chunk->firstLine = nextLine;
      std::string line;
      bool tooLong = false;
      while (chunk->lines.size() < kChunkLines && reader.next(line, tooLong)) {
        chunk->inputBytes += line.size() + 1;
        chunk->lines.push_back(std::move(line));
        chunk->tooLong.push_back(tooLong ? 1 : 0);
        line = std::string();
      }
      if (chunk->lines.size() < kChunkLines) eof = true;
      if (chunk->lines.empty()) break;
      nextLine += chunk->lines.size();
      {
        std::lock_guard lock(mutex);
        window.push_back(chunk);
        todo.push_back(std::move(chunk));
      }
      workReady.notify_one();
    }
    // Write finished chunks in order; wait for the oldest one.
    std::shared_ptr<Chunk> head;
    {
      std::unique_lock lock(mutex);
      if (window.empty()) break;
      chunkDone.wait(lock, [&] { return window.front()->done; });
      head = std::move(window.front());
      window.pop_front();
    }
    if (!head->output.empty() &&
        std::fwrite(head->output.data(), 1, head->output.size(), stdout) != head->output.size())
      writeError = true;
    written += head->lines.size();
    invalid += head->invalid;
    writtenBytes += head->inputBytes;
    progress.update(written, writtenBytes);
    if (writeError) break;
  }
  {
    std::lock_guard lock(mutex);
    closing = true;
    todo.clear();
  }
  workReady.notify_all();
  for (auto& w : workers) w.join();
  progress.update(written, writtenBytes, true);
  bool readError = reader.error();
  if (in != stdin) std::fclose(in);
  if (std::fflush(stdout) != 0) writeError = true;
  if (readError) {
    std::cerr << "seclead: error reading '" << options.batchFile << "'\n";
    return kExitFailure;
  }
  if (writeError) {
    std::cerr << "seclead: error writing the output\n";
    return kExitFailure;
  }
  if (invalid > 0) {
    std::cerr << "seclead: " << invalid << " of " << written << " lines were not valid profiles\n";
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace seclead::cli
