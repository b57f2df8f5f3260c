// The libraries a big graphkit network page needs, as one global: gkvendor.
// The two programs are sigma's own node and edge programs, which the page draws
// without instancing (see graphkit/viz/renderers.py).
export { default as Graph } from "graphology";
export { default as Sigma } from "sigma";
export { NodeCircleProgram, EdgeRectangleProgram } from "sigma/rendering";
