package llmops.io;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The paths and DynamoDB tables a run's flags name, checked before any work: a typo fails with one
 * message naming the flag and the value, instead of a late stack trace, a write to a local folder
 * called {@code s3}, or an output whose overwrite deletes the run's own input.
 *
 * <p>{@link #check()} needs nothing but the values; {@link #checkFileSystems} needs the Hadoop
 * configuration of the Spark session, where {@code spark.hadoop.fs.<scheme>.impl} can add schemes.
 * Every failure is an {@link IllegalArgumentException}: exit code 1, like the jobs' other bad values.
 */
public final class Locations {
  /** S3 general purpose bucket names; S3A cannot address the legacy ones with capitals or underscores either. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private record Named(String flag, String value) {}

  /** Where a path points, for comparing paths: the same objects whether written s3:// or s3a://. */
  private record Place(String store, String authority, List<String> segments) {
    boolean contains(Place other) {
      return store.equals(other.store) && authority.equals(other.authority)
          && other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }
  }

  private final List<Named> inputs = new ArrayList<>();
  private final List<Named> outputs = new ArrayList<>();
  private final List<Named> tables = new ArrayList<>();

  /** A path the run reads; a flag not given (null) is skipped. */
  public Locations input(String flag, String path) {
    if (path != null) {
      inputs.add(new Named(flag, path));
    }
    return this;
  }

  /** A folder the run writes, replacing what is there. */
  public Locations output(String flag, String path) {
    if (path != null) {
      outputs.add(new Named(flag, path));
    }
    return this;
  }

  /** A DynamoDB table the run reads or writes. */
  public Locations table(String flag, String name) {
    if (name != null) {
      tables.add(new Named(flag, name));
    }
    return this;
  }

  /** The form of every path and table name, and where the outputs are: nothing is read or written. */
  public Locations check() {
    for (Named table : tables) {
      if (!TableSpec.isValidName(table.value())) {
        throw mustBe(table, "a DynamoDB table name: 3-255 of letters, digits, _ . -");
      }
    }
    List<Place> inputPlaces = new ArrayList<>();
    for (Named input : inputs) {
      inputPlaces.add(place(input));
    }
    List<Place> outputPlaces = new ArrayList<>();
    for (Named output : outputs) {
      Place place = place(output);
      // An output replaces the folder it names: at a root that would wipe the whole bucket or disk.
      if (place.segments().isEmpty()) {
        throw mustBe(output, place.store().equals("s3") ? "a prefix inside the bucket, not the bucket itself" : "a folder, not a root");
      }
      outputPlaces.add(place);
    }
    for (int o = 0; o < outputs.size(); o++) {
      for (int i = 0; i < inputs.size(); i++) {
        checkApart(outputs.get(o), outputPlaces.get(o), inputs.get(i), inputPlaces.get(i));
      }
      for (int other = o + 1; other < outputs.size(); other++) {
        checkApart(outputs.get(o), outputPlaces.get(o), outputs.get(other), outputPlaces.get(other));
      }
    }
    return this;
  }

  /** Every path's scheme has a Hadoop file system here; nothing is connected to. */
  public Locations checkFileSystems(Configuration hadoop) {
    List<Named> paths = new ArrayList<>(inputs);
    paths.addAll(outputs);
    for (Named path : paths) {
      String scheme = new Path(path.value()).toUri().getScheme();
      if (scheme == null) {
        continue;
      }
      try {
        FileSystem.getFileSystemClass(scheme, hadoop);
      } catch (IOException e) {
        throw mustBe(path, "a local path or a URI of a scheme Hadoop has a file system for here: no file system for '"
            + scheme + "' (s3://, s3a:// and file: are known; spark.hadoop.fs." + scheme + ".impl adds one)");
      }
    }
    return this;
  }

  private static Place place(Named named) {
    String value = named.value();
    if (value.isBlank()) {
      throw mustBe(named, "a path, not blank");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw mustBe(named, "a path without control characters");
    }
    if (!value.equals(value.strip())) {
      throw mustBe(named, "a path without spaces around it");
    }
    URI uri;
    try {
      uri = new Path(value).toUri();
    } catch (IllegalArgumentException e) {
      throw mustBe(named, "a local path or a URI such as s3://bucket/prefix: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    // Hadoop quietly turns '//' into '/': s3//bucket would become a local folder s3/bucket.
    if (afterAuthority(value, scheme).contains("//")) {
      throw mustBe(named, "a path without an empty segment '//' (a URI is written scheme://bucket/prefix)");
    }
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    if (scheme == null || scheme.equals("file")) {
      if (!authority.isEmpty()) {
        throw mustBe(named, "a local path without a host: file:///dir or /dir");
      }
      return new Place("file", "", segments(absoluteLocalPath(uri.getPath())));
    }
    switch (scheme) {
      case "s3", "s3a" -> {
        if (authority.isEmpty()) {
          throw mustBe(named, "a URI that names its bucket: " + scheme + "://BUCKET/prefix");
        }
        if (!BUCKET.matcher(authority).matches() || authority.contains("..") || IP_ADDRESS.matcher(authority).matches()) {
          throw mustBe(named, "a URI with a valid bucket name: 3-63 of lower-case letters, digits, . and -, starting and ending"
              + " with a letter or digit");
        }
        return new Place("s3", authority, segments(uri.getPath()));
      }
      case "s3n" -> throw mustBe(named, "an s3:// or s3a:// URI: s3n:// is Hadoop's retired S3 client");
      default -> {
        return new Place(scheme, authority, segments(uri.getPath()));
      }
    }
  }

  /** What follows scheme:// and the authority, as typed (Hadoop's Path has already normalised it). */
  private static String afterAuthority(String value, String scheme) {
    if (scheme == null) {
      return value;
    }
    String rest = value.substring(scheme.length() + 1);
    if (!rest.startsWith("//")) {
      return rest;
    }
    int pathStart = rest.indexOf('/', 2);
    return pathStart < 0 ? "" : rest.substring(pathStart);
  }

  /** A relative local path is resolved as Hadoop's local file system does: against the working directory. */
  private static String absoluteLocalPath(String path) {
    return path.startsWith("/") ? path : new Path(new Path(System.getProperty("user.dir")), path).toUri().getPath();
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  /** An output must not be, hold or lie inside another place of the run: its overwrite would delete or mix with it. */
  private static void checkApart(Named output, Place outputPlace, Named other, Place otherPlace) {
    String relation = outputPlace.equals(otherPlace) ? "the same place as"
        : otherPlace.contains(outputPlace) ? "inside"
        : outputPlace.contains(otherPlace) ? "a folder holding"
        : null;
    if (relation != null) {
      throw new IllegalArgumentException(output.flag() + " '" + printable(output.value()) + "' is " + relation + " " + other.flag()
          + " '" + printable(other.value()) + "': writing the output there would delete or mix with it; give each its own folder");
    }
  }

  private static IllegalArgumentException mustBe(Named named, String what) {
    return new IllegalArgumentException(named.flag() + " must be " + what + " (got '" + printable(named.value()) + "')");
  }

  /** The value on one line, control characters shown as \\uXXXX: the summary keeps only an error's first line. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }
}
