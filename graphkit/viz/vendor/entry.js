// The two libraries a big graphkit network page needs, as one global: gkvendor.
export { default as Graph } from "graphology";
export { default as Sigma } from "sigma";
