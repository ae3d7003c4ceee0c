package dev.gust.server; public class Gust { public static void main(String[] a){} }
