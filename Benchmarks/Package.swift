// swift-tools-version: 6.0
// Benchmarks for BioImageIO, kept in their own package so the library itself has no dependencies.
// Run them through Scripts/bench.sh AREA, which also runs the Python reference on the same data.
import PackageDescription

let package = Package(
    name: "BioImageIOBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bench-yaml", targets: ["YAMLBenchmarks"]),
        .executable(name: "bench-tensor", targets: ["TensorBenchmarks"]),
        .executable(name: "bench-spec", targets: ["SpecBenchmarks"]),
        .executable(name: "bench-packages", targets: ["PackagesBenchmarks"]),
        .executable(name: "bench-onnx", targets: ["ONNXBenchmarks"]),
    ],
    dependencies: [.package(name: "BioImageIO", path: "..")],
    targets: [
        .target(name: "BenchSupport"),
        .executableTarget(
            name: "YAMLBenchmarks",
            dependencies: ["BenchSupport", .product(name: "BioImageYAML", package: "BioImageIO")]),
        .executableTarget(
            name: "TensorBenchmarks",
            dependencies: ["BenchSupport", .product(name: "BioImageTensor", package: "BioImageIO")]),
        .executableTarget(
            name: "SpecBenchmarks",
            dependencies: ["BenchSupport", .product(name: "BioImageSpec", package: "BioImageIO")]),
        .executableTarget(
            name: "PackagesBenchmarks",
            dependencies: ["BenchSupport", .product(name: "BioImageSpec", package: "BioImageIO")]),
        .executableTarget(
            name: "ONNXBenchmarks",
            dependencies: ["BenchSupport", .product(name: "BioImageONNX", package: "BioImageIO"),
                           .product(name: "BioImageTensor", package: "BioImageIO")]),
    ],
    swiftLanguageModes: [.v6]
)
