using System.Reflection;
using System.Runtime.InteropServices;

namespace AgentLab.Numerics;

/// <summary>
/// The one native dependency: GEMM from OpenBLAS (Debian package libopenblas0-pthread); single precision
/// for training and recall, double for the float64 paths (command line, test oracles).
/// Thin P/Invoke; the library is resolved once, and a missing library becomes one clear error.
/// </summary>
public static unsafe partial class Blas
{
    private const string LibraryName = "openblas";
    private const string SonameToLoad = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    static Blas()
    {
        NativeLibrary.SetDllImportResolver(typeof(Blas).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != LibraryName) return IntPtr.Zero;
        if (NativeLibrary.TryLoad(SonameToLoad, assembly, path, out var handle)) return handle;
        throw new BlasNotFoundException(
            $"OpenBLAS ({SonameToLoad}) was not found: install it with `apt-get install libopenblas0-pthread`.");
    }

    [LibraryImport(LibraryName, EntryPoint = "cblas_sgemm")]
    private static partial void CblasSgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(LibraryName, EntryPoint = "cblas_dgemm")]
    private static partial void CblasDgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(LibraryName, EntryPoint = "openblas_set_num_threads")]
    private static partial void OpenblasSetNumThreads(int threads);

    private static int _threads = Environment.ProcessorCount, _active = -1;

    /// <summary>
    /// Below this many multiply-adds (m·n·k) a GEMM runs on one thread: on these 2-core machines waking a
    /// second OpenBLAS thread costs more than it saves for the small products of a batch of 64 (measured:
    /// the 784-512-256 MLP step at B=64 takes 4.3 ms on one thread, 4.9 ms on two).
    /// </summary>
    public const long SmallGemm = 32L << 20;

    /// <summary>OpenBLAS threads for large products (small ones use one); results are deterministic for a fixed count.</summary>
    public static void SetThreads(int threads) => _threads = Math.Max(1, threads);

    private static void UseThreads(int threads)
    {
        if (threads == _active) return;
        OpenblasSetNumThreads(threads);
        _active = threads;
    }

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C, all row-major. op(A) is [m x k], op(B) is [k x n], C is [m x n].
    /// A is stored [m x k] (or [k x m] when transposed), B [k x n] (or [n x k]).
    /// </summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        if (NothingToMultiply("sgemm", m, n, k, a.Length, b.Length, beta, c)) return;
        int lda = transA ? m : k, ldb = transB ? k : n;
        fixed (float* pa = a, pb = b, pc = c)
            CblasSgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, n);
    }

    /// <summary>Double-precision <see cref="Sgemm"/>: same layout and conventions.</summary>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, double beta, Span<double> c)
    {
        if (NothingToMultiply("dgemm", m, n, k, a.Length, b.Length, beta, c)) return;
        int lda = transA ? m : k, ldb = transB ? k : n;
        fixed (double* pa = a, pb = b, pc = c)
            CblasDgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, n);
    }

    /// <summary>
    /// Checks the buffer sizes; handles the products with no multiply-adds (C = beta·C when k = 0) and returns
    /// true for them; otherwise sets the thread count for the product's size and returns false.
    /// </summary>
    private static bool NothingToMultiply<T>(string op, int m, int n, int k, int aLength, int bLength, T beta, Span<T> c)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (aLength < m * k || bLength < k * n || c.Length < m * n)
            throw new ShapeException($"{op}: buffers of {aLength}, {bLength}, {c.Length} values are too small for m={m} n={n} k={k}");
        if (m == 0 || n == 0) return true;
        if (k == 0)
        {
            if (beta == T.Zero) c[..(m * n)].Clear(); else System.Numerics.Tensors.TensorPrimitives.Multiply(c[..(m * n)], beta, c[..(m * n)]);
            return true;
        }
        UseThreads((long)m * n * k < SmallGemm ? 1 : _threads);
        return false;
    }

    /// <summary><see cref="Sgemm"/> or <see cref="Dgemm"/> by element type, for code generic over float and double.</summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            Sgemm(transA, transB, m, n, k, float.CreateTruncating(alpha), As<T, float>(a), As<T, float>(b), float.CreateTruncating(beta), As<T, float>(c));
        else if (typeof(T) == typeof(double))
            Dgemm(transA, transB, m, n, k, double.CreateTruncating(alpha), As<T, double>(a), As<T, double>(b), double.CreateTruncating(beta), As<T, double>(c));
        else throw new NotSupportedException($"GEMM is available for float and double, not {typeof(T).Name}");
    }

    /// <summary>Reinterprets a span of T as TTo, for T known (by a type test) to be TTo.</summary>
    private static Span<TTo> As<T, TTo>(Span<T> values) =>
        MemoryMarshal.CreateSpan(ref System.Runtime.CompilerServices.Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);

    private static ReadOnlySpan<TTo> As<T, TTo>(ReadOnlySpan<T> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.CompilerServices.Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);
}

/// <summary>OpenBLAS could not be loaded; the message says which package to install.</summary>
public sealed class BlasNotFoundException(string message) : Exception(message);
