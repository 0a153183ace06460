using AgentLab.Games.Data;

namespace AgentLab.Games.Tests.Data;

public sealed class NpyFileTests : IDisposable
{
    private const string Matrix2x2Header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DatasetException MatrixFails(string path) =>
        Assert.Throws<DatasetException>(() => NpyFile.ReadMatrix(path));

    private static DatasetException LabelsFails(string path) =>
        Assert.Throws<DatasetException>(() => NpyFile.ReadLabels(path));

    [Theory]
    [InlineData("f4_3x4.npy")]
    [InlineData("f4_3x4_v2.npy")]
    [InlineData("f4_3x4_v3.npy")]
    public void Reads_numpy_float32_matrix_in_every_header_version(string fixture)
    {
        var matrix = NpyFile.ReadMatrix(NpyTestFiles.Fixture(fixture));

        Assert.Equal(3, matrix.Rows);
        Assert.Equal(4, matrix.Columns);
        Assert.Equal(NpyTestFiles.Matrix3x4, matrix.Values);
    }

    [Fact]
    public void Float64_matrix_is_rounded_to_float32_like_numpy_astype()
    {
        var fromDouble = NpyFile.ReadMatrix(NpyTestFiles.Fixture("f8_2x3.npy"));
        var numpyRounded = NpyFile.ReadMatrix(NpyTestFiles.Fixture("f8_2x3_as_f4.npy"));

        Assert.Equal(2, fromDouble.Rows);
        Assert.Equal(3, fromDouble.Columns);
        Assert.Equal(numpyRounded.Values, fromDouble.Values);
        Assert.Equal((float)(1.0 / 3.0), fromDouble.Values[1]);
    }

    [Fact]
    public void Float32_round_trip_through_writer_and_reader()
    {
        var values = new float[5 * 7];
        var random = new Random(7);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 200 - 100);
        }

        values[3] = float.NaN;
        values[4] = float.NegativeInfinity;
        values[5] = -0f;
        string path = _temp.File("roundtrip.npy");

        NpyFile.WriteMatrix(path, new FeatureMatrix(5, 7, values));
        var back = NpyFile.ReadMatrix(path);

        Assert.Equal(5, back.Rows);
        Assert.Equal(7, back.Columns);
        Assert.Equal(
            values.Select(BitConverter.SingleToInt32Bits),
            back.Values.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Writer_aligns_data_to_64_bytes_like_numpy()
    {
        string path = _temp.File("aligned.npy");

        NpyFile.WriteMatrix(path, new FeatureMatrix(3, 4, NpyTestFiles.Matrix3x4));

        long dataStart = new FileInfo(path).Length - 3 * 4 * 4;
        Assert.Equal(0, dataStart % 64);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'\n', bytes[dataStart - 1]);
    }

    [Fact]
    public void Empty_matrix_round_trips()
    {
        string path = _temp.File("empty.npy");

        NpyFile.WriteMatrix(path, new FeatureMatrix(0, 784, []));
        var back = NpyFile.ReadMatrix(path);

        Assert.Equal(0, back.Rows);
        Assert.Equal(784, back.Columns);
    }

    [Theory]
    [InlineData("labels_i4.npy")]
    [InlineData("labels_i8.npy")]
    [InlineData("labels_u1.npy")]
    public void Reads_integer_labels(string fixture)
    {
        Assert.Equal(NpyTestFiles.Labels, NpyFile.ReadLabels(NpyTestFiles.Fixture(fixture)));
    }

    [Fact]
    public void Fortran_order_is_rejected()
    {
        string path = NpyTestFiles.Fixture("f4_3x4_fortran.npy");

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("Fortran", error.Message);
        Assert.Contains("C-order", error.Message);
    }

    [Theory]
    [InlineData("f4_3x4_bigendian.npy", ">f4")]
    [InlineData("f8_3x4_bigendian.npy", ">f8")]
    public void Big_endian_matrix_is_rejected(string fixture, string descr)
    {
        string path = NpyTestFiles.Fixture(fixture);

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains($"'{descr}' is big-endian", error.Message);
    }

    [Fact]
    public void Big_endian_labels_are_rejected()
    {
        string path = NpyTestFiles.Fixture("labels_i8_bigendian.npy");

        var error = LabelsFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("big-endian", error.Message);
    }

    [Fact]
    public void Other_matrix_dtype_is_rejected()
    {
        string path = NpyTestFiles.Fixture("i2_3x4.npy");

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("'<i2' is not supported", error.Message);
        Assert.Contains("float32", error.Message);
    }

    [Theory]
    [InlineData("f4_rank1.npy", "shape (12,)")]
    [InlineData("f4_rank3.npy", "shape (3, 2, 2)")]
    public void Matrix_of_wrong_rank_is_rejected(string fixture, string shape)
    {
        string path = NpyTestFiles.Fixture(fixture);

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains(shape, error.Message);
        Assert.Contains("expected a 2-D", error.Message);
    }

    [Fact]
    public void Labels_of_rank_two_are_rejected()
    {
        string path = NpyTestFiles.Fixture("labels_i4_2d.npy");

        var error = LabelsFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("shape (1, 5)", error.Message);
        Assert.Contains("expected a 1-D", error.Message);
    }

    [Fact]
    public void Float_labels_are_rejected()
    {
        var error = LabelsFails(NpyTestFiles.Fixture("labels_f4.npy"));

        Assert.Contains("'<f4' is not supported", error.Message);
        Assert.Contains("integer label array", error.Message);
    }

    [Fact]
    public void Structured_dtype_is_rejected()
    {
        var error = LabelsFails(NpyTestFiles.Fixture("labels_structured.npy"));

        Assert.Contains("labels_structured.npy", error.Message);
        Assert.Contains("structured dtype", error.Message);
    }

    [Fact]
    public void Labels_that_do_not_fit_in_int_are_rejected()
    {
        var error = LabelsFails(NpyTestFiles.Fixture("labels_i8_too_big.npy"));

        Assert.Contains("1099511627776 at index 1", error.Message);
    }

    [Fact]
    public void Negative_labels_are_rejected()
    {
        var error = LabelsFails(NpyTestFiles.Fixture("labels_i4_negative.npy"));

        Assert.Contains("-1 at index 1 is negative", error.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        string path = _temp.File("nope.npy");

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Unreadable_path_is_a_dataset_error_naming_it()
    {
        string path = _temp.File("a-directory.npy");
        Directory.CreateDirectory(path);

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("cannot be opened", error.Message);
    }

    [Fact]
    public void File_without_magic_is_rejected()
    {
        string path = WriteBytes("plain.npy", "just text, not numpy"u8.ToArray());

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("not a .npy file", error.Message);
    }

    [Fact]
    public void Unknown_format_version_is_rejected()
    {
        string path = WriteBytes("v4.npy", NpyTestFiles.Build(Matrix2x2Header, new byte[16], major: 4));

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("version 4.0", error.Message);
    }

    [Fact]
    public void Hand_built_version_2_header_is_read()
    {
        string path = WriteBytes("v2.npy", NpyTestFiles.Build(Matrix2x2Header, NpyTestFiles.Float32Bytes(1, 2, 3, 4), major: 2));

        Assert.Equal([1f, 2f, 3f, 4f], NpyFile.ReadMatrix(path).Values);
    }

    [Fact]
    public void Header_dict_is_parsed_not_pattern_matched()
    {
        // Keys in another order, double quotes, no trailing comma, odd spacing: all valid Python, all accepted.
        const string header = "{ \"shape\" : ( 2 ,2 ) , 'fortran_order':False,'descr':\"<f4\"}";
        string path = WriteBytes("reordered.npy", NpyTestFiles.Build(header, NpyTestFiles.Float32Bytes(1, 2, 3, 4)));

        var matrix = NpyFile.ReadMatrix(path);

        Assert.Equal((2, 2), (matrix.Rows, matrix.Columns));
        Assert.Equal([1f, 2f, 3f, 4f], matrix.Values);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)", "expected '}'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "exactly the keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'extra': 1}", "exactly the keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2)}", "'fortran_order' must be True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [2, 2]}", "'shape' must be a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -2)}", "'shape' must be a tuple")]
    [InlineData("['descr', '<f4']", "not a dict")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 2)}", "unsupported name 'Maybe'")]
    public void Malformed_header_is_rejected(string header, string problem)
    {
        string path = WriteBytes("malformed.npy", NpyTestFiles.Build(header, NpyTestFiles.Float32Bytes(1, 2, 3, 4)));

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("malformed .npy header", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Truncated_data_is_rejected()
    {
        string path = WriteBytes("short.npy", NpyTestFiles.Build(Matrix2x2Header, NpyTestFiles.Float32Bytes(1, 2, 3)));

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("needs 16 data bytes but only 12", error.Message);
    }

    [Fact]
    public void Truncated_header_is_rejected()
    {
        var bytes = NpyTestFiles.Build(Matrix2x2Header, NpyTestFiles.Float32Bytes(1, 2, 3, 4));
        string path = WriteBytes("cut.npy", bytes[..20]);

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        string path = WriteBytes("long.npy", NpyTestFiles.Build(Matrix2x2Header, NpyTestFiles.Float32Bytes(1, 2, 3, 4, 5)));

        var error = MatrixFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("4 unexpected bytes", error.Message);
    }
}
