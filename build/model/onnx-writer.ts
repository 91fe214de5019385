/**
 * A zero-dependency writer for the small part of the ONNX format the project needs to
 * make its own test models: a graph of nodes over named tensors, with initializers.
 *
 * ONNX files are protocol buffers (`onnx.proto`, proto2). Only two wire types occur here:
 * varints (integers, enums) and length-delimited fields (strings, bytes, sub-messages).
 * Repeated scalars are written unpacked, one field per value, which every parser accepts.
 * Field numbers come from onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 */

/** `TensorProto.DataType` values used here. */
export const DataType = Object.freeze({ FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 });
export type DataTypeValue = (typeof DataType)[keyof typeof DataType];

/** `AttributeProto.AttributeType` values used here. */
const AttributeType = Object.freeze({ FLOAT: 1, INT: 2, STRING: 3, INTS: 7 });

export interface TensorSpec {
  name: string;
  dataType: DataTypeValue;
  dims: readonly number[];
  /** Little-endian element bytes, as ONNX's `raw_data`. */
  raw: Uint8Array;
}

/** A dimension: a fixed size, or a symbolic name such as `batch_size`. */
export type Dim = number | string;

export interface ValueSpec {
  name: string;
  elemType: DataTypeValue;
  shape: readonly Dim[];
}

export type AttributeValue = number | string | readonly number[];

export interface NodeSpec {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  /** Integers are written as INT, other numbers as FLOAT, strings as STRING, arrays as INTS. */
  attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface ModelSpec {
  graphName: string;
  nodes: readonly NodeSpec[];
  initializers: readonly TensorSpec[];
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
  /** Default-domain opset; default 13. */
  opset?: number;
  /** Default 8 (ONNX 1.10), which every current runtime reads. */
  irVersion?: number;
  producer?: string;
  docString?: string;
}

/**
 * Encodes a model as the bytes of an `.onnx` file. Deterministic: the same spec gives
 * the same bytes (fields are written in a fixed order, attributes sorted by name).
 *
 * @example
 * const bytes = encodeModel({ graphName: 'g', nodes: [...], initializers: [...], inputs: [...], outputs: [...] });
 */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const graph = concat([
    ...spec.nodes.map((node) => message(1, encodeNode(node))),
    string(2, spec.graphName),
    ...spec.initializers.map((tensor) => message(5, encodeTensor(tensor))),
    ...(spec.docString ? [string(10, spec.docString)] : []),
    ...spec.inputs.map((value) => message(11, encodeValueInfo(value))),
    ...spec.outputs.map((value) => message(12, encodeValueInfo(value))),
  ]);
  const opset = concat([string(1, ''), varintField(2, spec.opset ?? 13)]);
  return concat([
    varintField(1, spec.irVersion ?? 8),
    string(2, spec.producer ?? 'dvc-assistant'),
    message(7, graph),
    message(8, opset),
  ]);
}

/** Little-endian bytes of float32 values. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Little-endian bytes of int64 values. */
export function int64Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]!), true);
  return bytes;
}

/** Bytes of int8 values (two's complement). */
export function int8Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Int8Array.from(values).buffer);
}

function encodeNode(node: NodeSpec): Uint8Array {
  const attributes = Object.entries(node.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return concat([
    ...node.inputs.map((input) => string(1, input)),
    ...node.outputs.map((output) => string(2, output)),
    ...(node.name ? [string(3, node.name)] : []),
    string(4, node.opType),
    ...attributes.map(([name, value]) => message(5, encodeAttribute(name, value))),
  ]);
}

function encodeAttribute(name: string, value: AttributeValue): Uint8Array {
  if (typeof value === 'string') return concat([string(1, name), bytesField(4, utf8(value)), varintField(20, AttributeType.STRING)]);
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return concat([string(1, name), varintField(3, value), varintField(20, AttributeType.INT)]);
    const f = new Uint8Array(4);
    new DataView(f.buffer).setFloat32(0, value, true);
    return concat([string(1, name), key(2, 5), f, varintField(20, AttributeType.FLOAT)]);
  }
  return concat([string(1, name), ...value.map((item) => varintField(8, item)), varintField(20, AttributeType.INTS)]);
}

function encodeTensor(tensor: TensorSpec): Uint8Array {
  return concat([
    ...tensor.dims.map((dim) => varintField(1, dim)),
    varintField(2, tensor.dataType),
    string(8, tensor.name),
    bytesField(9, tensor.raw),
  ]);
}

function encodeValueInfo(value: ValueSpec): Uint8Array {
  const dims = value.shape.map((dim) => message(1, typeof dim === 'number' ? varintField(1, dim) : string(2, dim)));
  const tensorType = concat([varintField(1, value.elemType), message(2, concat(dims))]);
  return concat([string(1, value.name), message(2, message(1, tensorType))]);
}

// ---------------------------------------------------------------------------------------
// Wire format
// ---------------------------------------------------------------------------------------

/** Base-128 varint of a non-negative integer or a negative int64 (ten bytes, two's complement). */
function varint(value: number): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

function key(field: number, wireType: 0 | 2 | 5): Uint8Array {
  return varint(field * 8 + wireType);
}

function varintField(field: number, value: number): Uint8Array {
  return concat([key(field, 0), varint(value)]);
}

function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return concat([key(field, 2), varint(bytes.length), bytes]);
}

function message(field: number, bytes: Uint8Array): Uint8Array {
  return bytesField(field, bytes);
}

function string(field: number, text: string): Uint8Array {
  return bytesField(field, utf8(text));
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
