-- One customer's net revenue per calendar month up to as_of (returns reduce it). One row per month with lines.
with
customer_orders as (
    select order_date, amount
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where
        customer = $customer
        and order_date <= $as_of
),

per_month as (
    select
        date_trunc('month', order_date)::date as month,
        sum(amount)::decimal(18, 2) as net_revenue,
        count(*)::bigint as order_lines
    from customer_orders
    group by month
)

select * from per_month
order by month
