package llmops.testing;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.apache.spark.TaskContext;

/**
 * Hadoop's local file system, except that the first attempt of every Spark task fails at its first
 * open or create of a file, as a task does when its executor's disk or its connection to S3 fails;
 * the retry (attempt 1) runs clean. The driver's own reads and listings never fail. A job's JVM
 * takes it with {@link #JVM_FLAGS}. Each injected failure is printed to stderr as a line starting
 * {@value #MARK}, so a test can count them.
 */
public final class FailOnceFileSystem extends LocalFileSystem {
  public static final String MARK = "llmops-test injected task failure";
  /** Serve file: paths with this class; uncached, so no instance made before Spark's settings applied is reused. */
  public static final java.util.List<String> JVM_FLAGS = java.util.List.of(
      "-Dspark.hadoop.fs.file.impl=" + FailOnceFileSystem.class.getName(), "-Dspark.hadoop.fs.file.impl.disable.cache=true");

  @Override
  public FSDataInputStream open(Path file, int bufferSize) throws IOException {
    failTheFirstAttempt("open", file);
    return super.open(file, bufferSize);
  }

  @Override
  public FSDataOutputStream create(Path file, FsPermission permission, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    failTheFirstAttempt("create", file);
    return super.create(file, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path file, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    failTheFirstAttempt("create", file);
    return super.createNonRecursive(file, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  private static void failTheFirstAttempt(String operation, Path file) throws IOException {
    TaskContext task = TaskContext.get();
    if (task != null && task.attemptNumber() == 0) {
      String what = MARK + ": stage " + task.stageId() + " partition " + task.partitionId() + " attempt 0 at " + operation + " " + file;
      System.err.println(what);
      throw new IOException(what);
    }
  }
}
