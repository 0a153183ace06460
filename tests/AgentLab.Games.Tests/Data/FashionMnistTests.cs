using AgentLab.Games.Data;

namespace AgentLab.Games.Tests.Data;

public sealed class FashionMnistTests : IDisposable
{
    private const int Side = FashionMnist.ImageSide;

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static byte Pixel(int image, int p) => (byte)((image * 37 + p) % 256);

    private void WriteSplit(string prefix, bool gzip, byte[] images, byte[] labels)
    {
        string suffix = gzip ? ".gz" : "";
        IdxTestFiles.Write(_root.File($"{prefix}-images-idx3-ubyte{suffix}"), images, gzip);
        IdxTestFiles.Write(_root.File($"{prefix}-labels-idx1-ubyte{suffix}"), labels, gzip);
    }

    private DatasetException LoadFails(string split = FashionMnist.TrainSplit) =>
        Assert.Throws<DatasetException>(() => FashionMnist.Load(split, _root.Path));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Loads_train_split_scaled_to_unit_interval(bool gzip)
    {
        WriteSplit("train", gzip, IdxTestFiles.Images(3, Side, Side, Pixel), IdxTestFiles.Labels(0, 9, 4));

        var data = FashionMnist.Load(FashionMnist.TrainSplit, _root.Path);

        Assert.Equal(3, data.Count);
        Assert.Equal(3, data.Images.Rows);
        Assert.Equal(FashionMnist.PixelCount, data.Images.Columns);
        Assert.Equal([0, 9, 4], data.Labels);
        for (int image = 0; image < 3; image++)
        {
            var row = data.Images.Row(image);
            for (int p = 0; p < FashionMnist.PixelCount; p++)
            {
                Assert.Equal(Pixel(image, p) / 255f, row[p]);
            }
        }
    }

    [Fact]
    public void Pixel_extremes_map_to_exactly_zero_and_one()
    {
        WriteSplit("train", gzip: true, IdxTestFiles.Images(2, Side, Side, (image, _) => image == 0 ? (byte)0 : (byte)255),
            IdxTestFiles.Labels(1, 2));

        var images = FashionMnist.Load(FashionMnist.TrainSplit, _root.Path).Images;

        Assert.All(images.Row(0).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(images.Row(1).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Test_split_reads_the_t10k_files()
    {
        WriteSplit("t10k", gzip: true, IdxTestFiles.Images(2, Side, Side, Pixel), IdxTestFiles.Labels(7, 3));

        var data = FashionMnist.Load(FashionMnist.TestSplit, _root.Path);

        Assert.Equal([7, 3], data.Labels);
    }

    [Fact]
    public void Compression_is_detected_from_content_not_file_name()
    {
        // A plain file that happens to be named .gz (e.g. someone ran gunzip -c > name.gz) still loads.
        IdxTestFiles.Write(_root.File("train-images-idx3-ubyte.gz"), IdxTestFiles.Images(1, Side, Side, Pixel), gzip: false);
        IdxTestFiles.Write(_root.File("train-labels-idx1-ubyte"), IdxTestFiles.Labels(5), gzip: true);

        Assert.Equal([5], FashionMnist.Load(FashionMnist.TrainSplit, _root.Path).Labels);
    }

    [Fact]
    public void Missing_files_give_one_exception_naming_them_and_the_package()
    {
        var error = LoadFails();

        Assert.Contains(_root.File("train-images-idx3-ubyte.gz"), error.Message);
        Assert.Contains(_root.File("train-labels-idx1-ubyte.gz"), error.Message);
        Assert.Contains("install it with: apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Missing_labels_only_names_the_labels_file()
    {
        IdxTestFiles.Write(_root.File("train-images-idx3-ubyte.gz"), IdxTestFiles.Images(1, Side, Side, Pixel), gzip: true);

        var error = LoadFails();

        Assert.Contains(_root.File("train-labels-idx1-ubyte.gz"), error.Message);
        Assert.DoesNotContain("images", error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Missing_root_directory_is_reported_the_same_way()
    {
        string root = Path.Combine(_root.Path, "no-such-dir");

        var error = Assert.Throws<DatasetException>(() => FashionMnist.Load(FashionMnist.TestSplit, root));

        Assert.Contains(Path.Combine(root, "t10k-images-idx3-ubyte.gz"), error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Unknown_split_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentException>(() => FashionMnist.Load("validation", _root.Path));
        Assert.Contains("validation", error.Message);
    }

    [Fact]
    public void Bad_magic_in_images_names_the_file()
    {
        var images = IdxTestFiles.Images(1, Side, Side, Pixel);
        images[2] = 0x0D; // element type float instead of unsigned byte
        WriteSplit("train", gzip: false, images, IdxTestFiles.Labels(1));

        var error = LoadFails();

        Assert.Contains(_root.File("train-images-idx3-ubyte"), error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Labels_file_in_place_of_images_is_rejected_by_magic()
    {
        WriteSplit("train", gzip: true, IdxTestFiles.Labels(1), IdxTestFiles.Labels(1));

        var error = LoadFails();

        Assert.Contains("train-images-idx3-ubyte.gz", error.Message);
        Assert.Contains("0x00000801", error.Message);
    }

    [Fact]
    public void Bad_magic_in_labels_names_the_file()
    {
        WriteSplit("train", gzip: false, IdxTestFiles.Images(1, Side, Side, Pixel),
            IdxTestFiles.Build(0x12345678, [1], [1]));

        var error = LoadFails();

        Assert.Contains(_root.File("train-labels-idx1-ubyte"), error.Message);
        Assert.Contains("0x12345678", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_images_name_the_file(bool gzip)
    {
        var images = IdxTestFiles.Images(3, Side, Side, Pixel);
        WriteSplit("train", gzip, images[..^100], IdxTestFiles.Labels(1, 2, 3));

        var error = LoadFails();

        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Truncated_labels_name_the_file()
    {
        var labels = IdxTestFiles.Labels(1, 2, 3);
        WriteSplit("train", gzip: false, IdxTestFiles.Images(3, Side, Side, Pixel), labels[..^1]);

        var error = LoadFails();

        Assert.Contains(_root.File("train-labels-idx1-ubyte"), error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Truncated_header_names_the_file()
    {
        WriteSplit("train", gzip: false, IdxTestFiles.Images(1, Side, Side, Pixel), [0x00, 0x00]);

        var error = LoadFails();

        Assert.Contains(_root.File("train-labels-idx1-ubyte"), error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Cut_gzip_stream_is_reported_not_crashed_on()
    {
        var compressed = IdxTestFiles.Gzip(IdxTestFiles.Images(50, Side, Side, Pixel));
        File.WriteAllBytes(_root.File("train-images-idx3-ubyte.gz"), compressed[..(compressed.Length / 2)]);
        IdxTestFiles.Write(_root.File("train-labels-idx1-ubyte.gz"), IdxTestFiles.Labels(new byte[50]), gzip: true);

        var error = LoadFails();

        Assert.Contains("train-images-idx3-ubyte.gz", error.Message);
    }

    [Fact]
    public void Header_claiming_far_more_images_than_the_file_holds_fails_before_allocating()
    {
        var images = IdxTestFiles.Build(IdxTestFiles.ImagesMagic, [2_000_000, Side, Side], new byte[Side * Side]);
        WriteSplit("train", gzip: true, images, IdxTestFiles.Labels(new byte[1]));

        var error = LoadFails();

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Count_mismatch_between_images_and_labels_names_both_files()
    {
        WriteSplit("train", gzip: true, IdxTestFiles.Images(3, Side, Side, Pixel), IdxTestFiles.Labels(1, 2));

        var error = LoadFails();

        Assert.Contains(_root.File("train-images-idx3-ubyte.gz"), error.Message);
        Assert.Contains(_root.File("train-labels-idx1-ubyte.gz"), error.Message);
        Assert.Contains("3 images", error.Message);
        Assert.Contains("2 labels", error.Message);
    }

    [Fact]
    public void Wrong_image_dimensions_are_reported()
    {
        WriteSplit("train", gzip: false, IdxTestFiles.Images(2, Side, Side - 1, Pixel), IdxTestFiles.Labels(1, 2));

        var error = LoadFails();

        Assert.Contains(_root.File("train-images-idx3-ubyte"), error.Message);
        Assert.Contains("28x27", error.Message);
        Assert.Contains("expected 28x28", error.Message);
    }

    [Fact]
    public void Data_beyond_the_declared_count_is_reported()
    {
        var labels = IdxTestFiles.Labels(1, 2);
        WriteSplit("train", gzip: true, IdxTestFiles.Images(2, Side, Side, Pixel), [.. labels, 3]);

        var error = LoadFails();

        Assert.Contains("train-labels-idx1-ubyte.gz", error.Message);
        Assert.Contains("more data than the header declares", error.Message);
    }

    [Fact]
    public void Label_outside_the_ten_classes_is_reported()
    {
        WriteSplit("train", gzip: false, IdxTestFiles.Images(3, Side, Side, Pixel), IdxTestFiles.Labels(1, 10, 2));

        var error = LoadFails();

        Assert.Contains(_root.File("train-labels-idx1-ubyte"), error.Message);
        Assert.Contains("label 10 at index 1", error.Message);
    }
}
