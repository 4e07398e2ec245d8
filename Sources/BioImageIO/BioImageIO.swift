// The umbrella module: `import BioImageIO` brings in every layer of the SDK.
@_exported import BioImageTensor
@_exported import BioImageYAML
@_exported import BioImageSpec
@_exported import BioImageRuntime
@_exported import BioImageONNX
